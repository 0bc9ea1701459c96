package org.hicsim.services.web_server;

import org.hicsim.core0.spi.Status;

/**
 * The operations of {@code web_server}: HTTP/1.x GET over netstack connections. Whoever owns a netstack
 * connection hands it to the server with {@link #ACCEPT}, then passes it the bytes the client sends, in pieces
 * of any size, with {@link #REQUEST}; the server answers the first complete request it holds by sending the
 * response on that connection through netstack's SEND, one response per call. Documents are published with
 * {@link #PUBLISH}.
 * <table>
 * <caption>Operations</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #ACCEPT}</td><td>connection id: netstack's; arg0: the HTTP session id (0: the server picks the
 * next), arg1: the {@link org.hicsim.core0.spi.ConnectionClass} code</td><td>arg0: the HTTP session id</td></tr>
 * <tr><td>{@link #REQUEST}</td><td>connection id; payload: the next bytes from the client</td><td>arg0: the
 * HTTP status sent, or 0 while the request is incomplete; arg1: response bytes sent; arg2: bytes still held
 * </td></tr>
 * <tr><td>{@link #CLOSE}</td><td>connection id</td><td>-</td></tr>
 * <tr><td>{@link #PUBLISH}</td><td>arg0: the path's length; payload: the path ({@code /...}, at most
 * {@link #PATH_LENGTH_MAX} printable bytes) then the content (at most {@link #CONTENT_LENGTH_MAX})</td><td>arg0:
 * documents held</td></tr>
 * <tr><td>{@link #STATS}</td><td>-</td><td>arg0: sessions, arg1: requests answered, arg2: response bytes sent,
 * arg3: documents</td></tr>
 * </table>
 * A request held longer than {@link #REQUEST_LENGTH_MAX} bytes without its blank line is answered 431 and
 * dropped. Responses are 200 with the document, 404, 405 for a method other than GET, or 400 for a malformed
 * request line; each carries the session id as a cookie. When netstack refuses the response the request is
 * still consumed, and the reply is {@link #SEND_FAILED} with netstack's code in arg0.
 */
public final class WebServerProtocol
{
    public static final int ACCEPT = 1;
    public static final int REQUEST = 2;
    public static final int CLOSE = 3;
    public static final int PUBLISH = 4;
    public static final int STATS = 5;

    public static final int PATH_LENGTH_MAX = 64;
    public static final int CONTENT_LENGTH_MAX = 1024;
    public static final int REQUEST_LENGTH_MAX = SessionDescriptor.REQUEST_BUFFER_LENGTH;

    public static final int HTTP_OK = 200;
    public static final int HTTP_BAD_REQUEST = 400;
    public static final int HTTP_NOT_FOUND = 404;
    public static final int HTTP_METHOD_NOT_ALLOWED = 405;
    public static final int HTTP_HEADER_TOO_LARGE = 431;

    /** ACCEPT: the connection has a session already. */
    public static final int SESSION_EXISTS = Status.SERVICE_BASE;
    /** REQUEST: netstack did not take the response; arg0 holds its code. */
    public static final int SEND_FAILED = Status.SERVICE_BASE - 1;

    private WebServerProtocol()
    {
    }
}
