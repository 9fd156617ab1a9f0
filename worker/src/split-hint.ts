// What an uploader is told when a ledger is too large for one upload (row cap or body limit).
import { MAX_UPLOAD_ROWS } from '@tuanjian/shared';

/** How to split a ledger too large for one upload: by unit, each unit its own upload. */
export const SPLIT_HINT = {
  zh: `一次最多上传 ${MAX_UPLOAD_ROWS.toLocaleString('en-US')} 行，请按所属单位拆分台账，每个单位分别上传；单个单位超过上限的，请联系团区委`,
  en: `one upload carries at most ${MAX_UPLOAD_ROWS.toLocaleString('en-US')} rows: split the ledger by unit and upload each unit on its own`,
};
