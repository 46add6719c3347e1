-- Version 12: gateway client certificates signed by the hub's gateway CA at claim time (docs/hub.md#gateway-certificates).
--
-- Only the certificate recorded here logs in as the gateway (its serial and fingerprint must both match): signing a
-- new one (re-provisioning) or clearing these columns (DELETE /api/gateways/{id}/credential) refuses every older one
-- at its next CONNECT, without a revocation list. cert_key_hash is the SHA-256 of the gateway's public key, so a
-- re-sent request with the same key gets the same certificate back. A gateway that has only a certificate keeps
-- secret_hash NOT NULL with the value 'none', which no password verifies.
ALTER TABLE gateways ADD COLUMN cert_serial VARCHAR(64);
ALTER TABLE gateways ADD COLUMN cert_fingerprint VARCHAR(64);
ALTER TABLE gateways ADD COLUMN cert_key_hash VARCHAR(64);
ALTER TABLE gateways ADD COLUMN cert_pem TEXT;
ALTER TABLE gateways ADD COLUMN cert_not_after BIGINT;
