package io.onegrid.sim.modbus;

import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuRequestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTU on a serial device file: one end of a socat pty pair ({@code pty,raw,echo=0}) or a real port already set
 * to raw mode with {@code stty}. The file is opened as a channel, not configured: a pty has no baud rate, and
 * the line timing is emulated by {@link RtuSlaveLine} instead. Closing the channel ends the reader thread.
 */
final class SerialLineTransport extends RtuServerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLineTransport.class);
    private final Path device;
    private volatile FileChannel channel;
    private Thread reader;

    SerialLineTransport(RtuSlaveLine line, Path device) {
        super(line);
        this.device = device;
    }

    @Override
    public CompletionStage<Void> bind() {
        try {
            channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        FileChannel open = channel;
        ModbusRtuRequestContext context = new ModbusRtuRequestContext() { };
        reader = new Thread(() -> {
            try {
                serve(open, context, frame -> open.write(ByteBuffer.wrap(frame)));
                LOG.warn("serial line {} ended (the other end of the pty closed?); its RTU devices no longer answer",
                        device);
            } catch (ClosedChannelException closed) {
                // unbind
            } catch (IOException e) {
                LOG.warn("serial line {} failed: {}; its RTU devices no longer answer", device, e.getMessage());
            }
        }, "sim-rtu-" + device.getFileName());
        reader.setDaemon(true);
        reader.start();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unbind() {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    Path device() {
        return device;
    }
}
