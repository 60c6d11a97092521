-- What fulfilled an action point: the agreement or activity it led to.
ALTER TABLE action_points ADD COLUMN fulfilled_agreement_id BIGINT REFERENCES agreements (id);
ALTER TABLE action_points ADD COLUMN fulfilled_activity_id BIGINT REFERENCES activities (id);
