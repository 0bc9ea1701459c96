package org.hicsim.services.ipc_lib;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * The operations of {@code ipc_lib}, the message framing library services share: a frame is a message body
 * behind a header ({@link FrameHeaderDescriptor}) carrying its length, a sequence number and a CRC32C, so that a
 * receiver can tell a whole, intact, in-order message from a torn, corrupt or missing one.
 * <table>
 * <caption>Operations</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #FRAME}</td><td>payload: the body, at most {@link #BODY_LENGTH_MAX} bytes</td><td>payload:
 * the frame; arg0: its sequence number</td></tr>
 * <tr><td>{@link #UNFRAME}</td><td>payload: one frame</td><td>payload: its body; arg0: its sequence number,
 * arg1: its sequence number less the one expected (wrapping): 0 in order, positive when frames went missing
 * before it, negative for a late or repeated frame, which leaves the expectation where it was</td></tr>
 * <tr><td>{@link #STATS}</td><td>-</td><td>arg0: frames made, arg1: frames unframed, arg2: frames refused,
 * arg3: sequence numbers skipped</td></tr>
 * </table>
 * A frame is refused with {@link #FRAME_TRUNCATED} when it is shorter than its header says,
 * {@link #FRAME_BAD_HEADER} when its magic, version or flags are not this library's, and
 * {@link #FRAME_CRC_MISMATCH} when its bytes were changed.
 */
public final class IpcLibProtocol
{
    public static final int FRAME = 1;
    public static final int UNFRAME = 2;
    public static final int STATS = 3;

    public static final int BODY_LENGTH_MAX = Message.PAYLOAD_LENGTH_MAX - FrameHeaderDescriptor.LENGTH;

    /** The frame is shorter or longer than its header and body length say. */
    public static final int FRAME_TRUNCATED = Status.SERVICE_BASE;
    /** Not a frame of this library's format version. */
    public static final int FRAME_BAD_HEADER = Status.SERVICE_BASE - 1;
    /** The CRC32C does not match the frame's bytes. */
    public static final int FRAME_CRC_MISMATCH = Status.SERVICE_BASE - 2;

    private IpcLibProtocol()
    {
    }
}
