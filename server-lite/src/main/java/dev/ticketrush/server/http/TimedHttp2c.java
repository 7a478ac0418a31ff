package dev.ticketrush.server.http;

import org.eclipse.jetty.http2.parser.RateControl;
import org.eclipse.jetty.http2.parser.ServerParser;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

/** Cleartext HTTP/2 whose connections parse with a {@link TimedFrameParser}, so the request deadline covers them. */
final class TimedHttp2c extends HTTP2CServerConnectionFactory {

    TimedHttp2c(HttpConfiguration config) {
        super(config);
    }

    @Override
    protected ServerParser newServerParser(Connector connector, RateControl rateControl) {
        return new TimedFrameParser(connector.getByteBufferPool(), getHttpConfiguration().getRequestHeaderSize(), rateControl);
    }
}
