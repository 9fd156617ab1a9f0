// Access tokens: admins create them (the plain token is shown once), list and revoke them.
import type { Role } from '@tuanjian/shared';
import { type Caller, newPlainToken, sha256Hex } from '../auth';
import type { Db } from '../db/db';
import {
  getToken,
  insertTokenStatement,
  revokeTokenStatement,
  type TokenRecord,
  tokenFrom,
} from '../db/tokens';
import { getUnit } from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';

export async function createToken(
  db: Db,
  caller: Caller,
  request: { role: Role; unitCode?: string | null | undefined; label: string },
  now: Date,
): Promise<{ token: string; record: TokenRecord }> {
  const unitCode = request.unitCode ?? null;
  if ((request.role === 'unit') !== (unitCode !== null)) {
    throw new ApiError(400, 'bad_request', '单位令牌必须指定单位，其他角色不能指定单位', {
      messageEn: 'A unit token needs unitCode; other roles must not have one',
    });
  }
  if (unitCode && !(await getUnit(db, unitCode))) {
    throw new ApiError(400, 'bad_request', `单位“${unitCode}”不存在`, {
      messageEn: `Unit ${unitCode} does not exist`,
    });
  }
  const plain = newPlainToken();
  const at = now.toISOString();
  const id = crypto.randomUUID();
  const [inserted] = await commit(
    db,
    [
      insertTokenStatement(
        db,
        {
          id,
          hash: await sha256Hex(plain),
          role: request.role,
          unitCode,
          label: request.label,
          createdBy: caller.tokenId,
        },
        at,
      ),
    ],
    { at, actor: caller.tokenId, action: 'token.create', target: id },
  );
  const record = tokenFrom(inserted);
  if (!record) throw new Error('token insert returned nothing');
  return { token: plain, record };
}

export async function revokeToken(db: Db, caller: Caller, id: string, now: Date): Promise<TokenRecord> {
  if (!(await getToken(db, id)))
    throw new ApiError(404, 'not_found', '找不到该令牌', { messageEn: 'No such token' });
  const at = now.toISOString();
  const [revoked] = await commit(db, [revokeTokenStatement(db, id, at)], {
    at,
    actor: caller.tokenId,
    action: 'token.revoke',
    target: id,
  });
  const record = tokenFrom(revoked);
  if (!record) throw new Error(`token ${id} vanished during its revocation`);
  return record;
}
