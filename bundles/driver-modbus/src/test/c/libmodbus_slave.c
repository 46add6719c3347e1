/*
 * A Modbus slave on Debian's libmodbus, for the driver's interop tests (ModbusRtuSocatIT).
 *
 *   libmodbus_slave rtu DEVICE BAUD UNIT[,UNIT...]   serve those unit ids on a serial line (a socat pty)
 *   libmodbus_slave tcp                              serve Modbus TCP on 127.0.0.1, an ephemeral port
 *
 * Prints "READY" (rtu) or "READY <port>" (tcp) once it serves, then one line per request it answers:
 * "REQ unit=U fc=F addr=A count=C". Register images: holding[i] = unit*1000 + i, input[i] = unit*1000 + 500 + i,
 * coil i on when i % 3 == 0, discrete input i on when i is even; 100 of each, so address 100 and up is answered
 * with exception 2 (illegal data address) by libmodbus itself.
 *
 * RTU: libmodbus's receive filters requests by the one slave id a context has, and a real bus carries several
 * units, so this program takes each request frame off the line itself (a frame ends with the line falling silent,
 * as RTU defines), drops it if its CRC is wrong or its unit id is not served (a dead unit stays silent, as on a
 * real bus), and hands it to libmodbus's modbus_reply with that unit's register image: the answer, its CRC, the
 * exception codes and the serial line settings are libmodbus's.
 */
#include <errno.h>
#include <modbus.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define SIZE 100
#define MAX_UNITS 8

static modbus_mapping_t *image(int unit) {
    modbus_mapping_t *m = modbus_mapping_new(SIZE, SIZE, SIZE, SIZE);
    if (m == NULL) {
        fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
        exit(2);
    }
    for (int i = 0; i < SIZE; i++) {
        m->tab_registers[i] = (uint16_t) (unit * 1000 + i);
        m->tab_input_registers[i] = (uint16_t) (unit * 1000 + 500 + i);
        m->tab_bits[i] = i % 3 == 0;
        m->tab_input_bits[i] = i % 2 == 0;
    }
    return m;
}

static uint16_t crc16(const uint8_t *data, int length) {
    uint16_t crc = 0xFFFF;
    for (int i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
    }
    return crc;
}

static void report(const uint8_t *pdu_with_unit) {
    printf("REQ unit=%d fc=%d addr=%d count=%d\n", pdu_with_unit[0], pdu_with_unit[1],
           (pdu_with_unit[2] << 8) | pdu_with_unit[3], (pdu_with_unit[4] << 8) | pdu_with_unit[5]);
    fflush(stdout);
}

/* Reads one frame: blocks for its first byte, then takes bytes until the line is silent for 20 ms. */
static int read_frame(int fd, uint8_t *frame, int size) {
    int length = 0;
    for (;;) {
        fd_set set;
        FD_ZERO(&set);
        FD_SET(fd, &set);
        struct timeval quiet = {0, 20000};
        int ready = select(fd + 1, &set, NULL, NULL, length == 0 ? NULL : &quiet);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return -1;
        if (ready == 0) return length;
        ssize_t n = read(fd, frame + length, size - length);
        if (n <= 0) return -1; /* the other end of the pty is gone */
        length += (int) n;
        if (length == size) return length;
    }
}

static int serve_rtu(const char *device, int baud, char *units) {
    int served[MAX_UNITS];
    modbus_mapping_t *images[MAX_UNITS];
    int count = 0;
    for (char *unit = strtok(units, ","); unit != NULL && count < MAX_UNITS; unit = strtok(NULL, ",")) {
        served[count] = atoi(unit);
        images[count] = image(served[count]);
        count++;
    }
    modbus_t *ctx = modbus_new_rtu(device, baud, 'N', 8, 1);
    if (ctx == NULL || modbus_connect(ctx) == -1) {
        fprintf(stderr, "cannot open %s: %s\n", device, modbus_strerror(errno));
        return 2;
    }
    int fd = modbus_get_socket(ctx);
    printf("READY\n");
    fflush(stdout);
    uint8_t frame[MODBUS_RTU_MAX_ADU_LENGTH];
    for (;;) {
        int length = read_frame(fd, frame, sizeof frame);
        if (length < 0) break;
        if (length < 4) continue;
        uint16_t crc = crc16(frame, length - 2);
        if (frame[length - 2] != (crc & 0xFF) || frame[length - 1] != (crc >> 8)) continue;
        for (int i = 0; i < count; i++) {
            if (served[i] == frame[0]) {
                report(frame);
                modbus_set_slave(ctx, served[i]);
                modbus_reply(ctx, frame, length, images[i]);
            }
        }
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}

static int serve_tcp(void) {
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", 0);
    int listener = modbus_tcp_listen(ctx, 1);
    if (listener == -1) {
        fprintf(stderr, "cannot listen: %s\n", modbus_strerror(errno));
        return 2;
    }
    struct sockaddr_in bound;
    socklen_t size = sizeof bound;
    getsockname(listener, (struct sockaddr *) &bound, &size);
    printf("READY %d\n", ntohs(bound.sin_port));
    fflush(stdout);
    modbus_mapping_t *m = image(1);
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    for (;;) {
        if (modbus_tcp_accept(ctx, &listener) == -1) break;
        for (;;) {
            int rc = modbus_receive(ctx, query);
            if (rc > 0) {
                report(query + 6); /* after the MBAP header's transaction, protocol and length fields */
                modbus_reply(ctx, query, rc, m);
            } else if (rc == -1) {
                break; /* the master closed the connection: wait for the next one */
            }
        }
        close(modbus_get_socket(ctx));
    }
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 5 && strcmp(argv[1], "rtu") == 0) return serve_rtu(argv[2], atoi(argv[3]), argv[4]);
    if (argc == 2 && strcmp(argv[1], "tcp") == 0) return serve_tcp();
    fprintf(stderr, "usage: %s rtu DEVICE BAUD UNIT[,UNIT...] | %s tcp\n", argv[0], argv[0]);
    return 64;
}
