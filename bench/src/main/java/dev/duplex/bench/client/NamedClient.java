package dev.duplex.bench.client;

/**
 * The name and kind of a {@link WsClient} row, held once.
 *
 * <p>Threading: immutable.
 */
abstract class NamedClient implements WsClient {
  private final String name;
  private final Kind kind;

  NamedClient(String name, Kind kind) {
    this.name = name;
    this.kind = kind;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Kind kind() {
    return kind;
  }
}
