package org.preemptsim.trace;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trace-cmd {@code trace.dat}, file format version 6 (trace-cmd's
 * Documentation/trace-cmd/trace-cmd.dat.v6.5.txt), as {@code trace-cmd record} would on an x86-64
 * 6.x kernel: header_page and header_event as kernel/trace/ring_buffer.c prints them, the event
 * format files, a kallsyms section ({@link CallSites}), saved_cmdlines, then per CPU the ring
 * buffer's 4 KiB sub-buffers: a page header (u64 timestamp, u64 commit) and events with a 32-bit
 * header (type_len:5, time_delta:27), a TIME_EXTEND before any delta that does not fit 27 bits.
 *
 * <p>Each CPU's pages stream to a temporary file; {@link #close()} writes the header, whose per-CPU
 * offsets are only known then, and appends the pages: memory is one page per CPU.
 */
public final class TraceDatWriter extends RecordingSink {

    static final int PAGE_SIZE = 4096;
    /** Page header: u64 time_stamp, local_t commit. */
    static final int PAGE_HEADER = 16;
    static final int PAGE_DATA = PAGE_SIZE - PAGE_HEADER;
    static final int TS_SHIFT = 27;
    static final long TS_MASK = (1L << TS_SHIFT) - 1;
    static final int TYPE_TIME_EXTEND = 30;
    /** RINGBUF_TYPE_DATA_TYPE_LEN_MAX: longer records store their length in array[0]. */
    static final int TYPE_LEN_MAX = 28;

    private final Path out;
    private final List<CpuPages> cpus = new ArrayList<>();
    private final ByteBuffer rec = ByteBuffer.allocate(PAGE_DATA).order(ByteOrder.LITTLE_ENDIAN);
    private boolean closed;

    /** One CPU's ring buffer: the page being filled and the file of full ones. */
    private static final class CpuPages {
        final Path file;
        final OutputStream os;
        final ByteBuffer page = ByteBuffer.allocate(PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        boolean open;
        long lastNs;
        long pages;

        CpuPages(Path file) throws IOException {
            this.file = file;
            this.os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }

        void start(long ns) {
            Arrays.fill(page.array(), (byte) 0);
            page.clear();
            page.putLong(0, ns);
            page.position(PAGE_HEADER);
            open = true;
            lastNs = ns;
        }

        void flush() throws IOException {
            if (!open) {
                return;
            }
            page.putLong(8, page.position() - PAGE_HEADER); // commit: bytes of events
            os.write(page.array(), 0, PAGE_SIZE);
            pages++;
            open = false;
        }
    }

    TraceDatWriter(Path out, TraceOptions options) {
        super(options);
        this.out = out;
    }

    private CpuPages cpu(int id) throws IOException {
        while (cpus.size() <= id) {
            cpus.add(new CpuPages(Files.createTempFile("preemptsim-cpu" + cpus.size() + "-", ".dat")));
        }
        return cpus.get(id);
    }

    @Override
    protected void write(TraceRecord r) throws IOException {
        int len = encode(r);
        // Records up to 112 bytes carry their length in type_len; longer ones in array[0].
        int header = len <= TYPE_LEN_MAX * 4 ? 4 : 8;
        CpuPages p = cpu(r.cpu);
        long delta = p.open ? r.ns - p.lastNs : 0;
        int extend = delta > TS_MASK ? 8 : 0;
        if (!p.open || p.page.position() + extend + header + len > PAGE_SIZE) {
            p.flush();
            p.start(r.ns);
            delta = 0;
            extend = 0;
        }
        ByteBuffer b = p.page;
        if (extend != 0) {
            b.putInt(TYPE_TIME_EXTEND | (int) (delta & TS_MASK) << 5);
            b.putInt((int) (delta >>> TS_SHIFT));
            delta = 0;
        }
        if (header == 4) {
            b.putInt(len / 4 | (int) delta << 5);
        } else {
            b.putInt((int) delta << 5);
            b.putInt(len + 4);
        }
        b.put(rec.array(), 0, len);
        p.lastNs = r.ns;
    }

    /** Lays the record out in {@link #rec} as the kernel does; returns its length, a multiple of 4. */
    private int encode(TraceRecord r) {
        FtraceEvent e = r.event;
        ByteBuffer b = rec;
        Arrays.fill(b.array(), 0, e.fixedSize(), (byte) 0);
        b.clear();
        b.putShort(0, (short) e.id());
        b.put(2, (byte) r.flags);
        b.put(3, (byte) r.preemptCount);
        b.putInt(4, r.pid);
        int dyn = e.fixedSize();
        List<FtraceEvent.Field> fs = e.fields();
        for (int i = 0; i < fs.size(); i++) {
            FtraceEvent.Field f = fs.get(i);
            switch (f.kind()) {
                case FtraceEvent.INT:
                case FtraceEvent.UINT:
                    b.putInt(f.offset(), (int) r.num[i]);
                    break;
                case FtraceEvent.LONG:
                    b.putLong(f.offset(), r.num[i]);
                    break;
                case FtraceEvent.COMM: {
                    byte[] s = r.str[i].getBytes(StandardCharsets.UTF_8);
                    b.position(f.offset());
                    b.put(s, 0, Math.min(s.length, FtraceEvent.COMM_LEN - 1));
                    break;
                }
                case FtraceEvent.STRING: {
                    byte[] s = r.str[i].getBytes(StandardCharsets.UTF_8);
                    int n = Math.min(s.length + 1, PAGE_DATA - 16 - dyn);
                    // __data_loc: length (with the NUL) in the high half, offset from the record start in the low.
                    b.putInt(f.offset(), n << 16 | dyn);
                    b.position(dyn);
                    b.put(s, 0, n - 1);
                    b.put((byte) 0);
                    dyn += n;
                    break;
                }
                default:
                    throw new IllegalStateException("field kind " + f.kind());
            }
        }
        int len = (dyn + 3) & -4;
        Arrays.fill(b.array(), dyn, len, (byte) 0);
        return len;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int n = nrCpus();
            for (CpuPages p : cpus) {
                p.flush();
                p.os.close();
            }
            byte[] head = header(n, 0);
            long dataStart = align(head.length, PAGE_SIZE);
            head = header(n, dataStart);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                os.write(head);
                os.write(new byte[(int) (dataStart - head.length)]);
                for (CpuPages p : cpus) {
                    try (InputStream in = Files.newInputStream(p.file)) {
                        in.transferTo(os);
                    }
                }
            }
        } finally {
            for (CpuPages p : cpus) {
                p.os.close();
                Files.deleteIfExists(p.file);
            }
        }
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** Everything before the CPU data; {@code dataStart} places the per-CPU sections. */
    private byte[] header(int nrCpus, long dataStart) {
        Le h = new Le();
        h.bytes(new byte[] {0x17, 0x08, 0x44});
        h.str("tracing");
        h.cstr("6");
        h.u8(0); // little endian
        h.u8(8); // sizeof(long)
        h.u32(PAGE_SIZE);
        h.cstr("header_page");
        h.sized8(headerPage());
        h.cstr("header_event");
        h.sized8(headerEvent());
        h.u32(0); // no ftrace (function tracer) formats
        Map<String, List<FtraceEvent>> systems = new LinkedHashMap<>();
        for (FtraceEvent e : FtraceEvent.ALL) {
            systems.computeIfAbsent(e.system(), s -> new ArrayList<>()).add(e);
        }
        h.u32(systems.size());
        for (Map.Entry<String, List<FtraceEvent>> s : systems.entrySet()) {
            h.cstr(s.getKey());
            h.u32(s.getValue().size());
            for (FtraceEvent e : s.getValue()) {
                h.sized8(e.formatFile());
            }
        }
        h.sized4(CallSites.kallsyms());
        h.sized4(""); // printk formats
        StringBuilder cmdlines = new StringBuilder();
        for (Map.Entry<Integer, String> c : cmdlines().entrySet()) {
            cmdlines.append(c.getKey()).append(' ').append(c.getValue()).append('\n');
        }
        h.sized8(cmdlines.toString());
        h.u32(nrCpus);
        h.bytes("flyrecord\0".getBytes(StandardCharsets.US_ASCII));
        long off = dataStart;
        for (int c = 0; c < nrCpus; c++) {
            long size = c < cpus.size() ? cpus.get(c).pages * PAGE_SIZE : 0;
            h.u64(off);
            h.u64(size);
            off += size;
        }
        return h.toByteArray();
    }

    /** events/header_page: ring_buffer_print_page_header for a 4 KiB sub-buffer on x86-64. */
    static String headerPage() {
        return "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
            + "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
            + "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
            + "\tfield: char data;\toffset:16;\tsize:" + PAGE_DATA + ";\tsigned:1;\n";
    }

    /** events/header_event: ring_buffer_print_entry_header. */
    static String headerEvent() {
        return "# compressed entry header\n"
            + "\ttype_len    :    5 bits\n"
            + "\ttime_delta  :   27 bits\n"
            + "\tarray       :   32 bits\n"
            + "\n"
            + "\tpadding     : type == 29\n"
            + "\ttime_extend : type == 30\n"
            + "\ttime_stamp : type == 31\n"
            + "\tdata max type_len  == 28\n";
    }

    /** A little-endian byte sink for the header. */
    private static final class Le extends ByteArrayOutputStream {

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void str(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void cstr(String s) {
            str(s);
            write(0);
        }

        void u8(int v) {
            write(v);
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
        }

        void sized4(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            bytes(b);
        }

        void sized8(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }
    }
}
