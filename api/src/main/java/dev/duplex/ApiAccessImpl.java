package dev.duplex;

import dev.duplex.internal.ApiBridge;
import dev.duplex.internal.ParsedUrl;
import java.nio.ByteBuffer;

/**
 * Gives the engine in {@code dev.duplex.internal} the package-private operations of the public
 * classes (trusted dispatch, Blobs without copies), without making them public.
 *
 * <p>Threading: stateless.
 */
final class ApiAccessImpl implements ApiBridge.Access {
  @Override
  public void beginDispatch(Event event, EventTarget target, boolean trusted) {
    event.beginDispatch(target, trusted);
  }

  @Override
  public void endDispatch(Event event) {
    event.endDispatch();
  }

  @Override
  public Blob adoptBlob(ByteBuffer data) {
    return Blob.adopt(data);
  }

  @Override
  public MessageEvent messageEvent(Object data, ParsedUrl url) {
    return new MessageEvent(data, url);
  }

  @Override
  public ByteBuffer blobContent(Blob blob) {
    return blob.content();
  }
}
