package io.tickcast.stream;

import java.util.List;

/**
 * The kinds of component every symbol's state holds besides its series: the experts, in order, and the
 * break detector. Adding an expert is adding an {@link ExpertKind} here.
 *
 * @param experts  the experts' kinds, in the order the aggregator sees them
 * @param detector the detector's kind, or null to run without break detection
 */
record Components(List<ExpertKind> experts, BreakDetector.Kind detector) {

    Components {
        experts = List.copyOf(experts);
    }

    List<String> expertNames() {
        return experts.stream().map(ExpertKind::name).toList();
    }
}
