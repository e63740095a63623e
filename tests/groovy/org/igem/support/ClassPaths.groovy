package org.igem.support

/** Class paths for starting igem in its own JVM, as a build that leaves some optional jars out would. */
class ClassPaths {
    /**
     * This JVM's class path without the entries whose path contains one of {@code fragments}
     * (e.g. {@code '/com/ibm/icu/'}); the test classes are always left out, as no released artifact has them.
     */
    static String without(String... fragments) {
        System.getProperty('java.class.path').split(File.pathSeparator).findAll { String entry ->
            !entry.contains('test-classes') && !fragments.any { entry.contains(it) }
        }.join(File.pathSeparator)
    }
}
