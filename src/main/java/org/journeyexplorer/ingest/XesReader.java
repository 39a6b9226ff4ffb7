package org.journeyexplorer.ingest;

import org.journeyexplorer.core.TaskContext;
import org.journeyexplorer.core.UserFacingException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads XES (IEEE 1849) event logs with StAX. Each {@code <event>} becomes a record whose columns are the
 * event's attributes plus its trace's attributes prefixed {@code case:} (so the trace {@code concept:name} is
 * {@code case:concept:name}, as pm4py names it). Nested attributes, globals and classifiers are skipped. Broken
 * XML is reported once as a reject at the event where it breaks, and reading stops there.
 */
final class XesReader {

    private static final Set<String> ATTRIBUTE_TAGS = Set.of("string", "date", "int", "float", "boolean", "id",
            "list", "container");

    private XesReader() {
    }

    /** Receives one event record. */
    private interface RecordHandler {
        /** @return false to stop reading */
        boolean record(long number, Map<String, String> trace, Map<String, String> event);
    }

    static List<Map<String, String>> sample(Source.Opened in, int max, List<String> columnsOut, Path file,
                                            boolean strict) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> cols = new LinkedHashSet<>();
        try {
            walk(in, TaskContext.NONE, (n, trace, event) -> {
                Map<String, String> row = new LinkedHashMap<>(trace);
                row.putAll(event);
                cols.addAll(row.keySet());
                rows.add(row);
                return rows.size() < max;
            });
        } catch (XMLStreamException e) {
            if (strict && rows.isEmpty()) {
                throw new UserFacingException(file.getFileName() + " does not look like an event file: it is broken"
                        + " XML (" + message(e) + ").");
            }
        }
        columnsOut.addAll(cols);
        return rows;
    }

    static void read(ImportPlan plan, Source.Opened in, EventSink sink, TaskContext ctx) throws IOException {
        ColumnMapping m = plan.mapping();
        EventAssembler assembler = new EventAssembler(plan, sink);
        long[] last = {0};
        StringBuilder props = new StringBuilder(256);
        try {
            walk(in, ctx, (n, trace, event) -> {
                last[0] = n;
                props.setLength(0);
                appendProps(props, trace, m);
                appendProps(props, event, m);
                String json = props.length() == 0 ? null : props.append('}').toString();
                assembler.emit(n, get(m.person(), trace, event), get(m.anonymous(), trace, event),
                        get(m.time(), trace, event), get(m.timeOffset(), trace, event),
                        get(m.event(), trace, event), json, identity(m, trace, event), () -> raw(trace, event));
                return true;
            });
        } catch (XMLStreamException e) {
            sink.reject(last[0] + 1, "broken XML: " + message(e) + "; the rest of the file cannot be read", "");
        }
        ctx.progress(in.bytesRead(), in.size());
    }

    private static String get(String column, Map<String, String> trace, Map<String, String> event) {
        if (column == null) {
            return null;
        }
        String v = event.get(column);
        return v != null ? v : trace.get(column);
    }

    private static org.journeyexplorer.domain.IdentityValues identity(ColumnMapping m, Map<String, String> trace,
                                                                      Map<String, String> event) {
        if (!m.hasIdentityColumns()) {
            return org.journeyexplorer.domain.IdentityValues.NONE;
        }
        String[] cols = m.identityColumns();
        String[] v = new String[cols.length];
        for (int k = 0; k < cols.length; k++) {
            String x = get(cols[k], trace, event);
            v[k] = Values.isMissing(x) ? null : x.strip();
        }
        return org.journeyexplorer.domain.IdentityValues.of(v);
    }

    private static void appendProps(StringBuilder sb, Map<String, String> values, ColumnMapping m) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (m.isRole(k) || Values.isMissing(e.getValue())) {
                continue;
            }
            sb.append(sb.length() == 0 ? '{' : ',');
            Values.appendJsonString(sb, k);
            sb.append(':');
            Values.appendJsonString(sb, e.getValue());
        }
    }

    private static String raw(Map<String, String> trace, Map<String, String> event) {
        StringBuilder sb = new StringBuilder("<event");
        for (Map.Entry<String, String> e : event.entrySet()) {
            sb.append(' ').append(e.getKey()).append("=\"").append(e.getValue()).append('"');
        }
        sb.append("/> in trace ").append(trace.getOrDefault("case:concept:name", "?"));
        return Values.cut(sb.toString(), Ingest.RAW_MAX);
    }

    /** Walks the log, calling {@code handler} once per event with its trace's attributes (prefixed). */
    private static void walk(Source.Opened in, TaskContext ctx, RecordHandler handler)
            throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLStreamReader r = open(f, in.stream());
        try {
            // depth of elements we are skipping (globals, nested attributes, …)
            int skip = 0;
            boolean inLog = false;
            boolean inTrace = false;
            boolean inEvent = false;
            Map<String, String> trace = new LinkedHashMap<>();
            Map<String, String> event = new LinkedHashMap<>();
            long n = 0;
            while (r.hasNext()) {
                int type = r.next();
                if (type == XMLStreamConstants.START_ELEMENT) {
                    if (skip > 0) {
                        skip++;
                        continue;
                    }
                    String tag = r.getLocalName();
                    if (!inLog) {
                        if (tag.equals("log")) {
                            inLog = true;
                        } else {
                            skip = 1;
                        }
                    } else if (!inTrace) {
                        if (tag.equals("trace")) {
                            inTrace = true;
                            trace = new LinkedHashMap<>();
                        } else {
                            skip = 1;
                        }
                    } else if (!inEvent) {
                        if (tag.equals("event")) {
                            inEvent = true;
                            event = new LinkedHashMap<>();
                        } else {
                            if (ATTRIBUTE_TAGS.contains(tag)) {
                                attribute(r, trace, "case:");
                            }
                            skip = 1;
                        }
                    } else {
                        if (ATTRIBUTE_TAGS.contains(tag)) {
                            attribute(r, event, "");
                        }
                        skip = 1;
                    }
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    if (skip > 0) {
                        skip--;
                    } else if (inEvent) {
                        inEvent = false;
                        n++;
                        if ((n & 4095) == 0) {
                            ctx.checkCancelled();
                            ctx.progress(in.bytesRead(), in.size());
                        }
                        if (!handler.record(n, trace, event)) {
                            return;
                        }
                    } else if (inTrace) {
                        inTrace = false;
                    } else if (inLog) {
                        inLog = false;
                    }
                }
            }
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a broken reader; nothing to add
            }
        }
    }

    private static void attribute(XMLStreamReader r, Map<String, String> into, String prefix) {
        String key = r.getAttributeValue(null, "key");
        String value = r.getAttributeValue(null, "value");
        if (key != null && value != null) {
            into.put(prefix + key, value);
        }
    }

    /**
     * A stream reader over text we decode ourselves. Handed bytes, the JDK's parser prints "[Fatal Error] :-1:-1:
     * Invalid byte …" to standard error for bytes that are not valid in the file's encoding, before it throws;
     * decoding here (by the BOM, else the prolog's declared encoding, else UTF-8) turns that into an ordinary
     * {@link XMLStreamException} with nothing printed. An encoding name Java does not know is left to the parser,
     * which refuses it with a message and prints nothing.
     */
    private static XMLStreamReader open(XMLInputFactory f, InputStream raw) throws XMLStreamException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        Charset charset;
        try {
            charset = declaredCharset(in);
        } catch (IOException e) {
            throw new XMLStreamException(e.getMessage(), e);
        }
        if (charset == null) {
            return f.createXMLStreamReader(in);
        }
        return f.createXMLStreamReader(new DecodingReader(in, charset));
    }

    /**
     * Decodes strictly, but hands out every character before a bad byte first and fails only when the parser asks
     * for more (an {@link java.io.InputStreamReader} fails for the whole buffer, losing the events before it).
     */
    private static final class DecodingReader extends java.io.Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 14).flip();
        private boolean eof;
        private java.nio.charset.CoderResult error;

        DecodingReader(InputStream in, Charset charset) {
            this.in = in;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            java.nio.CharBuffer out = java.nio.CharBuffer.wrap(cbuf, off, len);
            while (out.position() == off && error == null) {
                if (!eof && !bytes.hasRemaining() || bytes.remaining() < 4 && !eof) {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
                java.nio.charset.CoderResult r = decoder.decode(bytes, out, eof);
                if (r.isError()) {
                    error = r;
                } else if (eof && !bytes.hasRemaining()) {
                    if (decoder.flush(out).isUnderflow() && out.position() == off) {
                        return -1;
                    }
                    break;
                }
            }
            if (out.position() > off) {
                return out.position() - off;
            }
            error.throwException();
            return -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    /** The charset the document's bytes are in (a BOM is skipped); null when its declared name is unknown. */
    private static Charset declaredCharset(BufferedInputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && head[0] == 0 && head[1] == '<') {
            return StandardCharsets.UTF_16BE;
        }
        if (head.length >= 2 && head[0] == '<' && head[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        Matcher m = ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String message(XMLStreamException e) {
        if (e.getNestedException() instanceof CharacterCodingException
                || e.getCause() instanceof CharacterCodingException) {
            String where = e.getLocation() != null && e.getLocation().getLineNumber() > 0
                    ? " (line " + e.getLocation().getLineNumber() + ")" : "";
            return "bytes that are not valid text in the file's encoding" + where;
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the JDK's StAX prefixes "ParseError at [row,col]:[r,c]\nMessage: …"
        int i = msg.indexOf("Message: ");
        String text = i >= 0 ? msg.substring(i + 9) : msg;
        if (e.getLocation() != null && e.getLocation().getLineNumber() > 0) {
            text += " (line " + e.getLocation().getLineNumber() + ")";
        }
        return text.replace('\n', ' ').strip();
    }
}
