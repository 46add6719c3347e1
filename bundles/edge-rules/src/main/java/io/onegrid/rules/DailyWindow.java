package io.onegrid.rules;

import java.time.LocalTime;

/**
 * A daily time-of-day window [start, end) in local time. A window whose start is after its end crosses
 * midnight (22:00-06:00 is the night); start equal to end means the whole day.
 */
public record DailyWindow(LocalTime start, LocalTime end) {
    public static final DailyWindow ALL_DAY = new DailyWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public DailyWindow {
        if (start == null || end == null) throw new IllegalArgumentException("a window needs a start and an end");
    }

    public boolean contains(LocalTime t) {
        if (start.equals(end)) return true;
        if (start.isBefore(end)) return !t.isBefore(start) && t.isBefore(end);
        return !t.isBefore(start) || t.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
