package io.funnelworkbench.importer;

import io.funnelworkbench.model.PlainMessages;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * How an export file is packed, told by its first bytes rather than its name: plain text, gzip (Segment's
 * archives, {@code .csv.gz}), or a zip archive whose files are read one after the other as one export
 * (Amplitude's Export API: a zip of per-hour {@code .json.gz} files, read without unpacking).
 */
enum Compression {
    NONE, GZIP, ZIP;

    private static final int GZIP_MAGIC = 0x1f8b;

    static Compression of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Compression of(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xff) << 8 | (head[1] & 0xff)) == GZIP_MAGIC) {
            return GZIP;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        return NONE;
    }

    /** True for the failure of reading a packed file that was cut short or damaged. */
    static boolean isDamage(Throwable e) {
        return e instanceof ZipException || e instanceof EOFException;
    }

    /** The sentence for a packed file that cannot be unpacked. */
    ImportException damaged(Path file, Exception e) {
        String why = e instanceof EOFException || e.getMessage() == null ? "it ends too early"
                : PlainMessages.of(e);
        return new ImportException(file.getFileName() + " is a damaged or incomplete " + name().toLowerCase(Locale.ROOT)
                + " file (" + why + "): nothing was imported. Pack it again, or import the unpacked export.", e);
    }

    /** Words for the import summary: "" for plain files, "gzip-compressed, " or "zip archive, ". */
    String describe() {
        return switch (this) {
            case NONE -> "";
            case GZIP -> "gzip-compressed, ";
            case ZIP -> "zip archive, ";
        };
    }

    /**
     * The export's text, unpacked as it is read. In a zip, a file whose first line repeats the first file's (a
     * CSV header) has that line left out when {@code repeatedHeaders} is set; a file with another first line is
     * refused, since its columns would be read under the wrong names.
     */
    InputStream open(InputStream raw, String fileName, boolean repeatedHeaders) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, 1 << 16);
            case ZIP -> new ZipEntries(new ZipInputStream(new BufferedInputStream(raw, 1 << 16)), fileName,
                    repeatedHeaders);
        };
    }

    /** The data files of a zip archive as one stream, each ending with a newline; folders and macOS extras skipped. */
    private static final class ZipEntries extends InputStream {
        private final ZipInputStream zip;
        private final String fileName;
        private final boolean repeatedHeaders;
        private InputStream entry;
        private String entryName;
        private String firstEntryName;
        private byte[] firstLine;
        private boolean pendingNewline;
        private int lastByte = '\n';
        private boolean finished;
        private int entries;

        ZipEntries(ZipInputStream zip, String fileName, boolean repeatedHeaders) {
            this.zip = zip;
            this.fileName = fileName;
            this.repeatedHeaders = repeatedHeaders;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!finished) {
                if (pendingNewline) {
                    pendingNewline = false;
                    bytes[offset] = '\n';
                    lastByte = '\n';
                    return 1;
                }
                if (entry == null && !nextEntry()) {
                    finished = true;
                    break;
                }
                int n = entry.read(bytes, offset, length);
                if (n > 0) {
                    lastByte = bytes[offset + n - 1];
                    return n;
                }
                entry = null;
                pendingNewline = lastByte != '\n';
            }
            if (entries == 0) {
                throw new ImportException(fileName + " is a zip archive with no files in it: there is nothing to"
                        + " import.");
            }
            return -1;
        }

        private boolean nextEntry() throws IOException {
            ZipEntry next;
            do {
                try {
                    next = zip.getNextEntry();
                } catch (IllegalArgumentException badName) {
                    // the JDK's own words for a name that is not UTF-8: "malformed input off : 33, length : 1"
                    throw new ZipException("a file name in it is not readable");
                }
                if (next == null) {
                    return false;
                }
            } while (!isData(next));
            entryName = next.getName();
            entries++;
            BufferedInputStream data = new BufferedInputStream(new NonClosing(zip), 1 << 16);
            data.mark(2);
            byte[] magic = data.readNBytes(2);
            data.reset();
            entry = Compression.of(magic) == GZIP ? new GZIPInputStream(data, 1 << 16) : data;
            if (repeatedHeaders) {
                entry = withoutRepeatedHeader(new BufferedInputStream(entry, 1 << 16));
            }
            return true;
        }

        private InputStream withoutRepeatedHeader(BufferedInputStream in) throws IOException {
            in.mark(1 << 16);
            byte[] line = firstLine(in);
            if (firstLine == null) {
                firstLine = line;
                firstEntryName = entryName;
                in.reset();
                return in;
            }
            if (!Arrays.equals(line, firstLine)) {
                throw new ImportException(String.format(Locale.ROOT, "%s holds files with different columns: %s"
                        + " starts with '%s', %s with '%s'. Import files with different columns separately (unpack"
                        + " the archive).", fileName, entryName, text(line), firstEntryName, text(firstLine)));
            }
            return in;
        }

        private static byte[] firstLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.size() < (1 << 16) - 1) {
                line.write(b);
            }
            byte[] bytes = line.toByteArray();
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return Arrays.copyOf(bytes, end);
        }

        private static String text(byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            return text.length() > 80 ? text.substring(0, 80) + "..." : text;
        }

        private static boolean isData(ZipEntry entry) {
            String name = entry.getName();
            String base = name.substring(name.lastIndexOf('/') + 1);
            return !entry.isDirectory() && !name.startsWith("__MACOSX/") && !base.startsWith(".") && !base.isEmpty();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** The current zip entry, which its reader must not close: closing would close the whole archive. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive stays open for the next entry
        }
    }
}
