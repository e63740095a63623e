package org.igem.sql;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.net.SocketFactory;

import org.igem.core.IgemException;
import org.igem.core.OptionalJars;

/**
 * junixsocket for PostgreSQL over a Unix-domain socket (pgjdbc speaks TCP only and takes a socket factory by class
 * name). igem.jar, igem.java and Maven builds have junixsocket on the class path: pgjdbc gets its factory directly.
 * The released artifact declares it optional (3 MB of a cold {@code jbang igem@…} that TCP users never need): there
 * the first socket connection resolves it through JBang ({@link OptionalJars}) and pgjdbc gets {@link Fetched},
 * which hands every socket over to junixsocket's factory loaded beside the fetched jars.
 */
final class UnixSockets {
    static final String JUNIXSOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";
    /** What a Unix-socket connection resolves on top of the released artifact's dependencies. */
    static final String SOCKET_DEPS = "igem/socket-deps.txt";
    private static ClassLoader fetched;

    private UnixSockets() {
    }

    /** The {@code socketFactory} class pgjdbc should instantiate (with the socket path as its argument). */
    static String factoryClassName() {
        if (OptionalJars.present(UnixSockets.class.getClassLoader(), JUNIXSOCKET_FACTORY)) {
            return JUNIXSOCKET_FACTORY;
        }
        loader(); // fails here, with igem's own message, rather than inside pgjdbc's connect
        return Fetched.class.getName();
    }

    private static synchronized ClassLoader loader() {
        if (fetched == null) {
            ClassLoader own = UnixSockets.class.getClassLoader();
            Map<String, String> env = System.getenv();
            List<String> coordinates = OptionalJars.coordinates(own, SOCKET_DEPS);
            String jbang = env.get("JBANG_LAUNCH_CMD");
            if (jbang == null || jbang.isBlank()) {
                throw new IgemException(IgemException.Kind.CONNECTION, "a Unix-socket connection to PostgreSQL needs junixsocket ("
                        + String.join(", ", coordinates) + "), which this build of igem leaves out: run it through JBang"
                        + " or with igem.jar, or connect over TCP (host=127.0.0.1)", null);
            }
            OptionalJars.Need need = new OptionalJars.Need("igem", "junixsocket", "~3 MB",
                    "first Unix-socket connection only", coordinates);
            List<Path> jars = OptionalJars.resolved(need, jbang, env, Path.of(System.getProperty("user.home")),
                    new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
            // junixsocket is not in igem's own loader at all: a plain child loader finds it (and its JNI library)
            fetched = new URLClassLoader(jars.stream().map(UnixSockets::url).toArray(java.net.URL[]::new), own);
        }
        return fetched;
    }

    private static java.net.URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IgemException("cannot load junixsocket from " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The factory pgjdbc instantiates where junixsocket was fetched at first use: junixsocket's own does the work. */
    public static final class Fetched extends SocketFactory {
        private final SocketFactory delegate;

        /** pgjdbc passes {@code socketFactoryArg}: the socket file. */
        public Fetched(String socketPath) throws ReflectiveOperationException {
            delegate = (SocketFactory) Class.forName(JUNIXSOCKET_FACTORY, true, loader())
                    .getConstructor(String.class).newInstance(socketPath);
        }

        @Override
        public Socket createSocket() throws IOException {
            return delegate.createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return delegate.createSocket(address, port, localAddress, localPort);
        }
    }
}
