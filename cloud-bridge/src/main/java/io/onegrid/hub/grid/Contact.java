package io.onegrid.hub.grid;

/** Someone to call about a resident: a relative, a neighbour, a doctor. Personal data. */
public record Contact(String name, String relation, String phone) { }
