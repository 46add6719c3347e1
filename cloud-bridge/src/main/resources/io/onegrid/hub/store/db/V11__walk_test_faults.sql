-- A device that reports a fault of its own (an alarm of case type device.*: not answering, sensor fault, tamper)
-- during a walk test has not been tested: it is kept apart from the triggers (its first fault and how many came;
-- whether one is still raised is read from the alarms, which carry walk_test_id).
CREATE TABLE walk_test_faults (
    walk_test_id      BIGINT       NOT NULL REFERENCES walk_tests (id),
    device_id         VARCHAR(200) NOT NULL,
    first_at          BIGINT       NOT NULL,
    received_at       BIGINT       NOT NULL,
    alarm_id          VARCHAR(200) NOT NULL,
    case_type         VARCHAR(200) NOT NULL,
    detail            VARCHAR(500),
    faults            INTEGER      NOT NULL,
    PRIMARY KEY (walk_test_id, device_id)
);
