package io.tickcast.http;

import io.tickcast.serde.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The errors Jetty answers by itself, before or instead of {@link Routes} (a malformed URI such as
 * {@code /symbols/%zz}, a request line or headers it cannot parse, an exception out of a handler), as the same JSON
 * body as every other error, {@code {"error": ..., "status": N}}, for any method, rather than Jetty's HTML page.
 * A 5xx says no more than its reason phrase: the cause is logged, not sent.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Routes.send(response, callback, code, "application/json", body(code, message));
    }

    /** A request Jetty could not parse: there is no request object, only the status, the reason and the headers. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String phrase = HttpStatus.getMessage(code);
        boolean detail = code < 500 && message != null && !message.isBlank() && !message.equals(phrase);
        return Json.toBytes(Routes.error(code, detail ? phrase + ": " + message : phrase));
    }
}
