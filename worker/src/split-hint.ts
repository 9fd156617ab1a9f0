// What an uploader is told when a ledger is too large for one request (row cap or body limit).
import { MAX_LEDGER_ROWS, MAX_PART_ROWS, MAX_UPLOAD_ROWS } from '@tuanjian/shared';

const n = (value: number) => value.toLocaleString('en-US');

/** How to send a ledger too large for one request: in parts (up to a unit's cap), or split by unit. */
export const SPLIT_HINT = {
  zh:
    `一次请求最多 ${n(MAX_UPLOAD_ROWS)} 行。更大的台账请分批上传（POST /upload-drafts，每批不超过 ${n(MAX_PART_ROWS)} 行；` +
    `加载项、网页和刷新命令会自动分批）；一个单位的台账最多 ${n(MAX_LEDGER_ROWS)} 行，超过的请按所属单位拆分或联系团区委`,
  en:
    `one request carries at most ${n(MAX_UPLOAD_ROWS)} rows. Send a larger ledger in parts (POST /upload-drafts, ` +
    `at most ${n(MAX_PART_ROWS)} rows a part; the add-in, web page and refresh command do this themselves); ` +
    `one unit's ledger holds at most ${n(MAX_LEDGER_ROWS)} rows: split a larger one by unit`,
};
