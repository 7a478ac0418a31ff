package dev.ticketrush.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the server: ISO date-times, records in declaration order. */
public final class Json {

    /**
     * Jackson's buffers are shared by all requests: its default keeps them per thread, and each request and each
     * event stream has a virtual thread of its own, so every request allocated a set and every open stream kept one.
     */
    private static final int SHARED_BUFFER_SETS = 256;

    private Json() {
    }

    public static ObjectMapper mapper() {
        JsonFactory buffersShared = JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(SHARED_BUFFER_SETS)).build();
        return JsonMapper.builder(buffersShared)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 1.7 is no id and 1.5 no seat count: a fraction is refused, never rounded
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
