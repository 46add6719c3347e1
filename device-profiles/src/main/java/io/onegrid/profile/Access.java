package io.onegrid.profile;

/** Whether a channel is read (sensor), written (siren, relay) or both. */
public enum Access { READ, WRITE, READ_WRITE;
    public boolean readable() { return this != WRITE; }
    public boolean writable() { return this != READ; }
}
