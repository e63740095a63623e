package org.igem.support

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) serving a snapshot directory under /snap/, for the download specs.
 * Hostile behaviours come from {@link #routes}; the rest is served from {@link #served}, honouring "Range: bytes=N-".
 */
class SnapshotServer implements AutoCloseable {
    final Path served
    /** path (without the /snap/ prefix) → {@code { HttpExchange ex, String rel -> }}; a route that throws drops the connection. */
    final Map<String, Closure> routes = new ConcurrentHashMap<>()
    /** Every request: path, Range and Authorization headers. */
    final List<Map> requests = new CopyOnWriteArrayList<>()
    final AtomicInteger maxInFlight = new AtomicInteger()
    /** Waited before answering each request. */
    volatile long serveDelayMs = 0
    /** When set, every request must carry this Authorization header (else 401). */
    volatile String requiredAuth

    private final AtomicInteger inFlight = new AtomicInteger()
    private final HttpServer server

    SnapshotServer(Path served) {
        this.served = served
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.executor = Executors.newCachedThreadPool()
        server.createContext('/') { HttpExchange ex -> handle(ex) }
        server.start()
    }

    private void handle(HttpExchange ex) {
        String path = ex.requestURI.path
        requests << [path: path, range: ex.requestHeaders.getFirst('Range'), auth: ex.requestHeaders.getFirst('Authorization')]
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet()) { a, b -> Math.max(a, b) }
        try {
            if (serveDelayMs) {
                Thread.sleep(serveDelayMs)
            }
            if (requiredAuth && ex.requestHeaders.getFirst('Authorization') != requiredAuth) {
                ex.sendResponseHeaders(401, -1)
                return
            }
            String rel = path.startsWith('/snap/') ? path.substring(6) : null
            Closure route = rel != null ? routes[rel] : null
            if (route != null) {
                route.call(ex, rel)
            } else if (rel != null && Files.isRegularFile(served.resolve(rel))) {
                serveFile(ex, served.resolve(rel))
            } else {
                ex.sendResponseHeaders(404, -1)
            }
        } catch (InterruptedException ignored) {
            // the server stopping while a route stalls
        } finally {
            inFlight.decrementAndGet()
            ex.close()
        }
    }

    InetSocketAddress getAddress() { server.address }

    String getBase() { "http://127.0.0.1:${server.address.port}/snap/" }

    /** Serves a file, honouring "Range: bytes=N-". */
    static void serveFile(HttpExchange ex, Path f) {
        byte[] data = Files.readAllBytes(f)
        String range = ex.requestHeaders.getFirst('Range')
        def m = range =~ /bytes=(\d+)-/
        if (range && m.find()) {
            int start = m.group(1) as int
            ex.responseHeaders.add('Content-Range', "bytes $start-${data.length - 1}/${data.length}")
            ex.sendResponseHeaders(206, data.length - start)
            ex.responseBody.write(data, start, data.length - start)
        } else {
            ex.sendResponseHeaders(200, data.length == 0 ? -1 : data.length)
            ex.responseBody.write(data)
        }
    }

    /** Sends the status line and full length, half the bytes, then drops the connection. */
    static void cutHalfway(HttpExchange ex, Path f) {
        byte[] data = Files.readAllBytes(f)
        ex.sendResponseHeaders(200, data.length)
        ex.responseBody.write(data, 0, data.length.intdiv(2))
        ex.responseBody.flush()
        throw new IOException('test: connection cut')
    }

    void close() {
        server.stop(0)
        (server.executor as ExecutorService).shutdownNow()
    }
}
