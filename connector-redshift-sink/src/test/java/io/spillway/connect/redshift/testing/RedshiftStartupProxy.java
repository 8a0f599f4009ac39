package io.spillway.connect.redshift.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy that lets Amazon's Redshift JDBC driver talk to stock PostgreSQL. The driver's
 * StartupMessage carries parameters only Redshift knows, and PostgreSQL ends the connection on any
 * unknown one ({@code FATAL: unrecognized configuration parameter}); the proxy drops exactly those,
 * answers TLS requests with 'N' (connect with {@code ssl=false}), and then pipes bytes both ways.
 *
 * <p>Measured with redshift-jdbc42 2.3.0: a plain connection sends {@code user, database,
 * client_encoding, DateStyle, TimeZone, extra_float_digits, application_name} (all kept) and {@code
 * driver_version, os_version, client_protocol_version, driver_discovery_version} (dropped); the
 * driver's startup code can also send {@code plugin_name, idp_type, provider_name, token_type,
 * identity_namespace, idc_client_display_name} (IAM / identity-center logins) and {@code
 * compression}, dropped too. Everything else goes through, so a new Redshift-only parameter fails
 * loudly rather than vanishing.
 *
 * <p>The driver's {@code DatabaseMetaData.getTables/getColumns} still fail behind the proxy (they
 * read Redshift's svv_* views): code under test reads information_schema instead.
 */
public final class RedshiftStartupProxy implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final int PROTOCOL_3 = 196608;

  /** Startup parameters of the Redshift driver that PostgreSQL rejects. */
  static final Set<String> REDSHIFT_ONLY =
      Set.of(
          "driver_version",
          "os_version",
          "client_protocol_version",
          "driver_discovery_version",
          "plugin_name",
          "idp_type",
          "provider_name",
          "token_type",
          "identity_namespace",
          "idc_client_display_name",
          "compression");

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> sockets = new HashSet<>();

  public RedshiftStartupProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "redshift-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** A Redshift driver URL of the database behind the proxy. */
  public String jdbcUrl(String database) {
    return "jdbc:redshift://127.0.0.1:" + port() + "/" + database + "?ssl=false";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "redshift-proxy-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    Socket upstream = null;
    try {
      track(client);
      // With PostgreSQL down (outage tests) the client's connection just closes, as with Redshift.
      upstream = track(new Socket(InetAddress.getLoopbackAddress(), targetPort));
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream toClient = client.getOutputStream();
      byte[] startup;
      while (true) {
        int length = in.readInt();
        if (length < 8 || length > 10_000) { // PostgreSQL's own limit for startup packets
          throw new IOException("not a PostgreSQL startup packet, length " + length);
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        int code = ByteBuffer.wrap(body).getInt();
        if (code == SSL_REQUEST || code == GSS_REQUEST) {
          toClient.write('N');
          toClient.flush();
          continue;
        }
        startup = code == PROTOCOL_3 ? rewrite(body) : frame(body);
        break;
      }
      OutputStream toServer = upstream.getOutputStream();
      toServer.write(startup);
      toServer.flush();
      pipe(upstream.getInputStream(), toClient, client);
      pipe(in, toServer, upstream);
    } catch (IOException e) {
      release(client);
      if (upstream != null) {
        release(upstream);
      }
    }
  }

  private Socket track(Socket socket) throws IOException {
    synchronized (sockets) {
      if (server.isClosed()) { // close() ran while this connection was being set up
        closeQuietly(socket);
        throw new IOException("proxy closed");
      }
      sockets.add(socket);
    }
    return socket;
  }

  private void release(Socket socket) {
    closeQuietly(socket);
    synchronized (sockets) {
      sockets.remove(socket);
    }
  }

  /** The startup message without the Redshift-only parameters. */
  private static byte[] rewrite(byte[] body) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    kept.write(body, 0, 4);
    int at = 4;
    while (at < body.length && body[at] != 0) {
      int nameEnd = indexOfZero(body, at);
      int valueEnd = indexOfZero(body, nameEnd + 1);
      String name = new String(body, at, nameEnd - at, StandardCharsets.UTF_8);
      if (!REDSHIFT_ONLY.contains(name)) {
        kept.write(body, at, valueEnd + 1 - at);
      }
      at = valueEnd + 1;
    }
    kept.write(0);
    return frame(kept.toByteArray());
  }

  private static int indexOfZero(byte[] bytes, int from) {
    int i = from;
    while (bytes[i] != 0) {
      i++;
    }
    return i;
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(body.length + 4).putInt(body.length + 4).put(body).array();
  }

  private void pipe(InputStream from, OutputStream to, Socket closeWhenDone) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try {
                int read;
                while ((read = from.read(buffer)) >= 0) {
                  to.write(buffer, 0, read);
                  to.flush();
                }
              } catch (IOException ignored) {
                // one side went away
              } finally {
                release(closeWhenDone); // the other pump then ends on a closed socket
              }
            },
            "redshift-proxy-pipe");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    synchronized (sockets) {
      sockets.forEach(RedshiftStartupProxy::closeQuietly);
      sockets.clear();
    }
  }
}
