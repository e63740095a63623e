package org.igem

import org.igem.support.ClassPaths
import org.igem.support.Processes
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The released artifact leaves junixsocket out (an optional dependency): a Unix-socket URI then fetches it through
 * JBang at the first connection, and without JBang says what is missing in one line. TCP needs nothing more.
 */
class SocketFirstUseSpec extends Specification {
    @TempDir Path tmp

    /** On the class path a cold `jbang igem@…` gives: no junixsocket. */
    Map igem(Map<String, String> env, String... args) {
        Processes.igem(ClassPaths.without('/com/kohlschutter/'), tmp, env, args as List)
    }

    def "without junixsocket a Unix-socket URI says what is missing in one line (#why)"() {
        when:
        def r = igem(env, '--db-uri', 'postgresql://postgres@/postgres?host=/var/run/postgresql', 'db', 'status')

        then:
        verifyAll {
            r.exit == 1
            r.err.readLines() == expected
        }

        where:
        why                                | env                              | expected
        'not started by JBang'             | [:]                              | ['error: a Unix-socket connection to PostgreSQL needs junixsocket (com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1, com.kohlschutter.junixsocket:junixsocket-common:2.10.1), which this build of igem leaves out: run it through JBang or with igem.jar, or connect over TCP (host=127.0.0.1)']
        'JBang cannot resolve junixsocket' | [JBANG_LAUNCH_CMD: '/bin/false'] | ['igem: resolving com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1, com.kohlschutter.junixsocket:junixsocket-common:2.10.1 through JBang (first Unix-socket connection only; may download ~3 MB)',
                                                                               'error: cannot resolve com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1, com.kohlschutter.junixsocket:junixsocket-common:2.10.1 for igem through JBang: exit code 1']
    }

    def "the same class path reaches PostgreSQL over TCP without fetching anything"() {
        when:
        def r = igem([:], '--db-uri', 'postgresql://postgres@127.0.0.1:5432/postgres', 'db', 'info')

        then:
        verifyAll {
            r.exit == 0
            !r.err.contains('resolving')
            r.out.contains('127.0.0.1')
        }
    }
}
