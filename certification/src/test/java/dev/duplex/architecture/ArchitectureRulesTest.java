package dev.duplex.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dependency rules of DESIGN.md, held as code. They look at production classes only (a
 * transport's tests may use the TCK, which uses the api).
 *
 * <p>Lives in the certification module because its class path holds every production module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureRulesTest {

  private static final String[] THIRD_PARTY_CLIENTS = {
    "org.eclipse.jetty..", "okhttp3..", "okio..", "com.google.inject..", "kotlin.."
  };

  private JavaClasses duplex;

  @BeforeAll
  void importDuplex() {
    duplex = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.duplex");
  }

  @Test
  void every_module_is_on_the_class_path_so_the_rules_are_not_vacuous() {
    for (String pkg : new String[] {"dev.duplex.spi", "dev.duplex", "dev.duplex.internal",
        "dev.duplex.tck", "dev.duplex.transport.nio", "dev.duplex.transport.jetty",
        "dev.duplex.transport.okhttp", "dev.duplex.guice"}) {
      org.junit.jupiter.api.Assertions.assertTrue(duplex.containPackage(pkg),
          () -> "no production classes found in " + pkg + "; the rules below would check nothing");
    }
  }

  @Test
  void spi_depends_on_the_jdk_only() {
    ArchRule rule = classes().that().resideInAPackage("dev.duplex.spi..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.duplex.spi..", "java..", "javax.net..");
    rule.check(duplex);
  }

  @Test
  void api_depends_on_the_spi_and_the_jdk_only() {
    ArchRule rule = classes().that().resideInAnyPackage("dev.duplex", "dev.duplex.internal..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.duplex", "dev.duplex.internal..", "dev.duplex.spi..",
            "java..", "javax.net..");
    rule.check(duplex);
  }

  @Test
  void no_jetty_okhttp_okio_or_guice_type_leaks_into_api_or_spi() {
    ArchRule rule = noClasses()
        .that().resideInAnyPackage("dev.duplex", "dev.duplex.internal..", "dev.duplex.spi..")
        .should().dependOnClassesThat().resideInAnyPackage(THIRD_PARTY_CLIENTS);
    rule.check(duplex);
  }

  @Test
  void transports_depend_on_the_spi_never_on_the_api() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.duplex.transport..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.duplex", "dev.duplex.internal..", "dev.duplex.tck..",
            "dev.duplex.guice..");
    rule.check(duplex);
  }

  @Test
  void transports_never_depend_on_each_other() {
    for (String t : new String[] {"nio", "jetty", "okhttp"}) {
      String own = "dev.duplex.transport." + t + "..";
      noClasses().that().resideInAPackage(own)
          .should().dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "reside in another transport",
                  c -> c.getPackageName().startsWith("dev.duplex.transport.")
                      && !c.getPackageName().startsWith("dev.duplex.transport." + t)))
          .check(duplex);
    }
  }

  @Test
  void the_engine_is_used_only_by_the_api() {
    ArchRule rule = noClasses()
        .that().resideOutsideOfPackages("dev.duplex", "dev.duplex.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.duplex.internal..");
    rule.check(duplex);
  }

  @Test
  void the_tck_never_depends_on_the_transports_it_judges() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.duplex.tck..")
        .should().dependOnClassesThat().resideInAPackage("dev.duplex.transport..");
    rule.check(duplex);
  }
}
