package org.igem

import com.tngtech.archunit.core.domain.JavaClass
import com.tngtech.archunit.core.domain.JavaClasses
import com.tngtech.archunit.core.importer.ClassFileImporter
import com.tngtech.archunit.lang.ArchRule
import com.tngtech.archunit.library.dependencies.SliceAssignment
import com.tngtech.archunit.library.dependencies.SliceIdentifier
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices

/**
 * The package graph is the design (docs/architecture.md): no package-level cycle, the kernel a leaf,
 * nothing below the command line depending on it. Read from the compiled main classes, so the rule
 * holds for what ships, not for the specs.
 */
class ArchitectureSpec extends Specification {
    @Shared
    JavaClasses classes = new ClassFileImporter().importPath(Project.file('target/classes'))

    /** Every Java package its own slice, the root package `org.igem` included. */
    static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        SliceIdentifier getIdentifierOf(JavaClass c) {
            c.packageName.startsWith('org.igem') ? SliceIdentifier.of(c.packageName) : SliceIdentifier.ignore()
        }

        @Override
        String getDescription() { 'the packages of org.igem' }
    }

    def "the compiled classes are there to check"() {
        expect: 'a rule over no classes would pass whatever the code does'
        classes.size() > 100
        classes.contain('org.igem.Igem')
        classes.contain('org.igem.cli.IgemCli')
        classes.contain('org.igem.dsl.IgemSteps')
    }

    def "no two packages depend on each other, directly or through others"() {
        expect:
        check slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles()
    }

    def "the kernel depends on no other package of igem"() {
        expect:
        check noClasses().that().resideInAPackage('org.igem.core..')
                .should().dependOnClassesThat().resideInAnyPackage('org.igem', 'org.igem.cli..', 'org.igem.dsl..',
                'org.igem.config..', 'org.igem.sql..', 'org.igem.migrate..', 'org.igem.seed..', 'org.igem.snapshot..',
                'org.igem.nlp..', 'org.igem.report..', 'org.igem.query..', 'org.igem.ops..', 'org.igem.parquet..',
                'org.igem.export..', 'org.igem.download..')
    }

    def "the DSL does not reach into the command line"() {
        expect:
        check noClasses().that().resideInAPackage('org.igem.dsl..')
                .should().dependOnClassesThat().resideInAPackage('org.igem.cli..')
    }

    def "nothing but the command line depends on it"() {
        expect:
        check noClasses().that().resideOutsideOfPackage('org.igem.cli..')
                .should().dependOnClassesThat().resideInAPackage('org.igem.cli..')
    }

    def "the core library does not depend on the DSL (the CLI loads it by name)"() {
        expect:
        check noClasses().that().resideOutsideOfPackage('org.igem.dsl..')
                .should().dependOnClassesThat().resideInAPackage('org.igem.dsl..')
    }

    private boolean check(ArchRule rule) {
        rule.check(classes) // throws an AssertionError naming every offending dependency
        true
    }
}
