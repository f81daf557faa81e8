-- Application roles: they own nothing, are neither superuser nor BYPASSRLS, so row-level security applies.
-- Passwords here are for the local compose stack only.
CREATE ROLE iam_identity_app LOGIN PASSWORD 'identity-app' NOSUPERUSER NOBYPASSRLS;
CREATE ROLE iam_policy_app LOGIN PASSWORD 'policy-app' NOSUPERUSER NOBYPASSRLS;
CREATE ROLE iam_credential_app LOGIN PASSWORD 'credential-app' NOSUPERUSER NOBYPASSRLS;
CREATE ROLE iam_audit_app LOGIN PASSWORD 'audit-app' NOSUPERUSER NOBYPASSRLS;
