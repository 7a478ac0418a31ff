package dev.ticketrush.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;

/**
 * Jetty's own errors (a malformed URI or chunked body, a URI or headers too long, a request refused before any route)
 * answered with the contract's JSON error body instead of Jetty's HTML page.
 */
public final class ContractErrorPage extends ErrorHandler {

    private final ObjectMapper json;

    public ContractErrorPage(ObjectMapper json) {
        this.json = json;
    }

    /** Errors found while parsing the request, before it has a path we can trust. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason, ""));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message, request.getRequestURI()));
        baseRequest.setHandled(true);
    }

    private byte[] body(int status, String message, String path) {
        try {
            return json.writeValueAsBytes(new ErrorBody(LocalDateTime.now(), status, HttpStatus.getMessage(status),
                    message == null ? HttpStatus.getMessage(status) : message, path == null ? "" : path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
