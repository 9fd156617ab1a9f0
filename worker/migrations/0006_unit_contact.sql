-- A unit's reporting contact (报送联系人) and phone, shown on the 报送 screen and the 催报 list so staff
-- know whom to call. Both optional; set with PATCH /units/{code}.
ALTER TABLE units ADD COLUMN contact TEXT;
ALTER TABLE units ADD COLUMN phone TEXT;
