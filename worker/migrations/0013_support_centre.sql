-- 支持中心 (SPEC §8, issue 15): which organizations of the units' ledgers are resident in the committee's
-- 青年公益服务支持中心 and which are linked to it, since when and until when. Set by the committee; each change
-- is in the audit log. The organization's figures (青年人数, 团员人数, 建团) come from its unit's current ledger.
CREATE TABLE centre_organizations (
  unit_code TEXT NOT NULL,
  org_key TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('resident', 'linked')),
  since TEXT NOT NULL,
  until TEXT,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, org_key)
);
