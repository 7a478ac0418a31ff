package dev.ticketrush.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.HttpResponseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Reads ids and JSON bodies from a request, turning every malformed input into a {@link BadRequest}: a body that is
 * not valid UTF-8 or cannot be read whole, text holding NUL or half a surrogate pair, a fraction where an id is due.
 */
public final class RequestInput {

    private final ObjectMapper json;

    public RequestInput(ObjectMapper json) {
        this.json = json;
    }

    public long pathId(Context ctx, String name) {
        return positiveId(name, ctx.pathParam(name));
    }

    public long queryId(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) throw new BadRequest("Missing query parameter '" + name + "'");
        return positiveId(name, value);
    }

    public <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = bytes(ctx);
        try {
            T value = plainAscii(bytes) ? direct(bytes, type) : checked(bytes, type);
            if (value == null) throw new BadRequest("Request body is null; expected a JSON object");
            return value;
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty()) throw new BadRequest("Request body must be a JSON object");
            throw new BadRequest("Field '" + field(e.getPath()) + "' has an invalid value");
        } catch (JsonProcessingException e) {
            throw new BadRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) { // bytes in memory fail only as JSON, above; declared all the same
            throw new BadRequest("Malformed JSON: " + e.getMessage());
        }
    }

    /** Where in the body a value failed, e.g. {@code userIds[1]}: an element of an array has an index, not a name. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() == null) field.append('[').append(step.getIndex()).append(']');
            else field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
        }
        return field.toString();
    }

    /**
     * The body in one read (Javalin's own read takes a locked read per 8 KB and one more for the end). A body over the
     * limit is refused with 413 unread, or, chunked and so of no declared length, once one byte past the limit arrived:
     * read whole, four chunked bodies of 300 MB had filled the heap.
     */
    private static byte[] bytes(Context ctx) {
        try {
            long declared = ctx.req().getContentLengthLong();
            if (declared > HttpServer.MAX_REQUEST_BYTES) throw new ContentTooLargeResponse();
            int wanted = declared < 0 ? (int) HttpServer.MAX_REQUEST_BYTES + 1 : (int) declared;
            byte[] bytes = ctx.req().getInputStream().readNBytes(wanted);
            if (bytes.length > HttpServer.MAX_REQUEST_BYTES) throw new ContentTooLargeResponse();
            if (declared >= 0 && bytes.length < declared) throw new BadRequest("The request body could not be read whole");
            return bytes;
        } catch (HttpResponseException | BadRequest refused) {
            throw refused;
        } catch (Exception unreadable) {
            // Jetty's IOExceptions (a connection cut mid-body): the body is unreadable, not the server broken
            throw new BadRequest("The request body could not be read whole");
        }
    }

    /**
     * The record bound straight from the bytes; a body that fails so (a repeated key, trailing tokens) is read again the
     * checked way, whose answer, acceptance or refusal, is the one given: the fast way only ever answers the same.
     */
    private <T> T direct(byte[] bytes, Class<T> type) throws IOException {
        try {
            return json.readValue(bytes, type);
        } catch (JsonProcessingException readAgain) {
            return checked(bytes, type);
        }
    }

    /** The record from a body checked first: valid UTF-8, JSON, and no NUL or lone surrogate in any text. */
    private <T> T checked(byte[] bytes, Class<T> type) throws JsonProcessingException {
        return json.treeToValue(cleanTree(text(bytes)), type);
    }

    /** Printable ASCII without escapes cannot hold bad UTF-8, a NUL or a lone surrogate: such a body skips those checks. */
    private static boolean plainAscii(byte[] bytes) {
        boolean blank = true;
        for (byte b : bytes) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == '\\' || b == 0x7f) return false;
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') blank = false;
        }
        return !blank;
    }

    private JsonNode cleanTree(String body) {
        JsonNode tree = tree(body);
        requireCleanText(tree, "");
        return tree;
    }

    private static String text(byte[] bytes) {
        try {
            String body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (body.isBlank()) throw new BadRequest("Request body is empty; expected JSON");
            return body;
        } catch (CharacterCodingException e) {
            throw new BadRequest("Request body is not valid UTF-8");
        }
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("Malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** NUL and unpaired surrogates would be stored as they are and break whoever reads them back. */
    private static void requireCleanText(JsonNode node, String field) {
        if (node.isTextual()) {
            String text = node.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean lone = Character.isHighSurrogate(c) ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
                        : Character.isLowSurrogate(c);
                if (c == 0 || lone) throw new BadRequest("Field '" + field + "' holds a NUL or an unpaired surrogate character");
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            requireCleanText(node.get(name), name);
        }
        if (node.isArray()) node.forEach(element -> requireCleanText(element, field));
    }

    private static long positiveId(String name, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id <= 0) throw new BadRequest("'" + name + "' must be a positive id, got " + value);
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequest("'" + name + "' must be a numeric id, got '" + value + "'");
        }
    }

    /** Fails with a 400 naming the field when a required field is absent. */
    public static <T> T required(T value, String field) {
        if (value == null) throw new BadRequest("Missing field '" + field + "'");
        if (value instanceof String s && s.isBlank()) throw new BadRequest("Field '" + field + "' must not be blank");
        return value;
    }

    public static long requiredId(Long value, String field) {
        required(value, field);
        if (value <= 0) throw new BadRequest("Field '" + field + "' must be a positive id, got " + value);
        return value;
    }
}
