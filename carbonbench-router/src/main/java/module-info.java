/** CarbonBench router: pick the cleanest endpoint per call, fail over, and account every gram. */
module ai.carbonbench.router {
    requires transitive ai.carbonbench.core;
    requires org.slf4j;

    exports ai.carbonbench.router;
    exports ai.carbonbench.router.budget;
    exports ai.carbonbench.router.report;
    exports ai.carbonbench.router.schedule;
    exports ai.carbonbench.router.state;
    // The ledger's JSON export is declared as package-private records that Jackson reads reflectively.
    opens ai.carbonbench.router to com.fasterxml.jackson.databind;
}
