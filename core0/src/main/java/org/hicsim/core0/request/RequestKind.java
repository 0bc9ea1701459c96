package org.hicsim.core0.request;

/**
 * What a request does to the dispatch table when it is answered.
 */
enum RequestKind
{
    /** Nothing: a request on an open connection, or one that names no connection. */
    PLAIN,
    /** Opens a connection: an answer with status 0 makes it active under the id the owner gave it. */
    OPEN,
    /** Closes a connection: an answer with status 0 removes it. */
    CLOSE,
    /**
     * Nothing: a request sent straight to one instance's endpoint, past the registry and the dispatch table (a
     * privileged caller's test request, or its probe of a connection by the instance's own id for it).
     */
    DIRECT
}
