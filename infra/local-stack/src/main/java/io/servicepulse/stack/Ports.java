package io.servicepulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Port helpers; every local server listens on the loopback address only. */
final class Ports {

  static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /**
   * Returns {@code count} distinct ports that are free right now. The sockets are held open
   * together so the kernel cannot hand out the same port twice.
   */
  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot allocate free ports on " + LOOPBACK, e);
    } finally {
      sockets.forEach(Ports::closeQuietly);
    }
  }

  /** Fails with a message naming the port and its purpose if something already listens on it. */
  static void requireFree(int port, String purpose) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
    } catch (IOException e) {
      throw new ServerStartException(
          "Port "
              + port
              + " ("
              + purpose
              + ") on "
              + LOOPBACK
              + " is already in use. Stop the process listening there (`ss -ltnp | grep "
              + port
              + "`) or let the stack pick free ports.");
    }
  }

  /** True if a TCP connection to the loopback port succeeds. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a never-used listening socket cannot lose anything.
    }
  }
}
