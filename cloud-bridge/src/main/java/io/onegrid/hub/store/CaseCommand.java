package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseAction;
import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.Scope;

/**
 * One action on a case by a user. {@code expectedVersion} null = act on whatever is current; otherwise a case
 * that changed since is refused (VERSION_CONFLICT). The other fields are the action's arguments: {@code note}
 * for every action, {@code assignee}/{@code team} for dispatch, {@code passed} for verify, {@code reason} for
 * false-alarm, {@code outcome} for resolving a welfare case.
 */
public record CaseCommand(long caseId, CaseAction action, String user, Role role, Scope scope, Integer expectedVersion,
                          String note, String assignee, String team, Boolean passed, String reason, String outcome) { }
