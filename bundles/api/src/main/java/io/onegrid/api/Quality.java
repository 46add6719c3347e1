package io.onegrid.api;

/** How much a reading can be trusted. BAD readings carry no value (device did not answer, decode failed). */
public enum Quality { GOOD, UNCERTAIN, BAD }
