///usr/bin/env jbang "$0" "$@" ; exit $?
// igem: JBang launcher of the IGEM database toolkit for a checkout (alias igem-dev; users run the
// released artifact, alias igem). It compiles the same sources as the Maven build (lib/); the
// //DEPS below plus lib/resources/igem/run-deps.txt must equal the pom's runtime
// dependencies (BuildLayoutSpec). Groovy and the ops-script DSL (dsl/) are left out of a cold
// `jbang igem@…` download: the DSL sources ship as files and the first `igem run` resolves Groovy
// through JBang and compiles them (org.igem.cli.DslLoader).
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS com.zaxxer:HikariCP:7.1.0
//DEPS org.postgresql:postgresql:42.7.14
//DEPS org.xerial:sqlite-jdbc:3.54.1.0
//DEPS org.flywaydb:flyway-core:13.12.1
//DEPS org.flywaydb:flyway-database-postgresql:13.12.1
//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
//DEPS com.fasterxml.jackson.core:jackson-core:2.21.3
//DEPS com.fasterxml.jackson.core:jackson-annotations:2.21
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-toml:2.21.3
//DEPS org.apache.parquet:parquet-hadoop:1.18.1
//DEPS com.github.luben:zstd-jni:1.5.7-28
//DEPS org.xerial.snappy:snappy-java:1.1.10.8
//DEPS me.tongfei:progressbar:0.10.1
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.slf4j:slf4j-simple:2.0.17
//DEPS com.kohlschutter.junixsocket:junixsocket-common:2.10.1
//DEPS com.kohlschutter.junixsocket:junixsocket-native-common:2.10.1
//DEPS com.ibm.icu:icu4j:77.1
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.21.3
//SOURCES lib/java/**/*.java
//FILES db/=lib/resources/db/
//FILES igem/=lib/resources/igem/
//FILES org/igem/dsl/=dsl/java/org/igem/dsl/
//FILES simplelogger.properties=lib/resources/simplelogger.properties
//FILES META-INF/maven/org.igem/igem-cli/pom.xml=pom.xml

public class igem {
    public static void main(String[] args) {
        org.igem.cli.IgemCli.main(args);
    }
}
