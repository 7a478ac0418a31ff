package dev.ticketrush.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reads ids and JSON bodies from a request, turning every malformed input into a {@link BadRequest}. */
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
        String body = ctx.body();
        if (body.isBlank()) throw new BadRequest("Request body is empty; expected JSON");
        try {
            T value = json.readValue(body, type);
            if (value == null) throw new BadRequest("Request body is null; expected a JSON object");
            return value;
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty()) throw new BadRequest("Request body must be a JSON object");
            throw new BadRequest("Field '" + e.getPath().getLast().getFieldName() + "' has an invalid value");
        } catch (JsonProcessingException e) {
            throw new BadRequest("Malformed JSON: " + e.getOriginalMessage());
        }
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
