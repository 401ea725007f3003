// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /**
   * The recorded ports where still free, new free ports for the others (0 or taken), each replaced
   * port reported on {@code out}: a restarted server keeps its ports unless something else took
   * them. The result has no duplicates.
   *
   * @param purposes what each port is for, named in the report
   * @param reserved ports of other servers (running or recorded), never picked
   */
  static int[] reuseOrPick(
      int[] recorded, String[] purposes, Collection<Integer> reserved, PrintStream out) {
    int[] ports = recorded.clone();
    Set<Integer> chosen = new HashSet<>(reserved);
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] > 0 && (!chosen.add(ports[i]) || !isFree(ports[i]))) {
        out.println(
            "Port "
                + ports[i]
                + " recorded for "
                + purposes[i]
                + " is taken by another process (`ss -ltnp | grep "
                + ports[i]
                + "`); picking a new one. Configs that point at the old port must be updated.");
        ports[i] = 0;
      }
    }
    for (int i = 0; i < ports.length; i++) {
      while (ports[i] == 0) {
        int candidate = freePorts(1)[0];
        // The kernel may hand out a recorded port that is free but about to be used here.
        if (chosen.add(candidate)) {
          ports[i] = candidate;
        }
      }
    }
    return ports;
  }

  /**
   * True if no socket listens on the loopback port. SO_REUSEADDR, as the servers bind: the
   * TIME_WAIT connections a just-stopped server leaves on its port do not count as taken.
   */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a message naming the port and its purpose if something already listens on it. */
  static void requireFree(int port, String purpose) {
    if (!isFree(port)) {
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

  /** The port of {@code host:port} or {@code http://host:port}, 0 if it names none. */
  static int portOf(String address) {
    int colon = address.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(address.substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      return 0;
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
