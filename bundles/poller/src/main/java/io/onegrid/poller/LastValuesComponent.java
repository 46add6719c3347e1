package io.onegrid.poller;

import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@link LastValues} on the reading-listener whiteboard, and as a bundle-internal service for
 * {@link DevicesCommandComponent}. Its own component (not part of the command's) so the poller can bind it without
 * the command's reference back to the poller making a cycle.
 */
@Component(service = {ReadingListener.class, LastValuesComponent.class}, immediate = true)
public final class LastValuesComponent implements ReadingListener {
    private final LastValues values = new LastValues();

    @Override
    public void onReadings(List<Reading> readings) {
        values.onReadings(readings);
    }

    LastValues values() {
        return values;
    }
}
