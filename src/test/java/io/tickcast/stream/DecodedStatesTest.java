package io.tickcast.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decoded-state cache: least recently used out first, within a byte budget shared by the tasks. */
class DecodedStatesTest {

    private static final ForecastSettings CFG = new ForecastSettings(3, 1, 10, 0, 4, 8, 8, 0.9, 50, 0, 100, 0.03, 30, true, 0.99);

    private static SymbolState state(String symbol) {
        return SymbolState.create(symbol, CFG, new Components(null, null));
    }

    @Test
    void theLeastRecentlyUsedStatesGoFirstOnceTheBudgetIsExceeded() {
        DecodedStates.Budget budget = new DecodedStates.Budget(300);
        DecodedStates cache = new DecodedStates(budget);
        SymbolState a = state("A");
        cache.put("A", a, 100);
        cache.put("B", state("B"), 100);
        cache.put("C", state("C"), 100);
        assertEquals(300, budget.used());
        assertSame(a, cache.get("A")); // A is now the most recent
        cache.put("D", state("D"), 100);
        assertEquals(3, cache.size());
        assertNull(cache.get("B"), "B was the least recently used");
        assertNotNull(cache.get("A"));
        assertNotNull(cache.get("C"));
        assertNotNull(cache.get("D"));
        assertEquals(300, budget.used());
        assertEquals(4, budget.hits());
        assertEquals(1, budget.misses());
    }

    @Test
    void evictionsAreToldWhichStateLeftButClearingIsNot() {
        java.util.List<String> evicted = new java.util.ArrayList<>();
        DecodedStates.Budget budget = new DecodedStates.Budget(200);
        DecodedStates cache = new DecodedStates(budget, (symbol, state) -> {
            assertEquals(symbol, state.snapshot().symbol());
            evicted.add(symbol);
        });
        cache.put("A", state("A"), 100);
        cache.put("B", state("B"), 100);
        cache.put("C", state("C"), 100);
        cache.put("D", state("D"), 100);
        assertEquals(java.util.List.of("A", "B"), evicted);
        cache.clear();
        assertEquals(java.util.List.of("A", "B"), evicted, "a cleared task's states are not evictions");
    }

    @Test
    void aStateThatGrowsIsRecountedAndTheOneJustPutStays() {
        DecodedStates.Budget budget = new DecodedStates.Budget(250);
        DecodedStates cache = new DecodedStates(budget);
        cache.put("A", state("A"), 100);
        cache.put("B", state("B"), 100);
        cache.put("A", state("A"), 200); // A grows: 300 > 250, so B goes
        assertEquals(1, cache.size());
        assertEquals(200, budget.used());
        cache.put("A", state("A"), 1_000); // alone over budget: kept, the next tick needs it
        assertEquals(1, cache.size());
        assertEquals(1_000, budget.used());
    }

    @Test
    void tasksShareTheBudgetAndGiveItBackWhenCleared() {
        DecodedStates.Budget budget = new DecodedStates.Budget(400);
        DecodedStates one = new DecodedStates(budget);
        DecodedStates two = new DecodedStates(budget);
        one.put("A", state("A"), 150);
        one.put("B", state("B"), 150);
        two.put("C", state("C"), 150); // 450 > 400: task two has only C, which stays
        assertEquals(450, budget.used());
        two.put("D", state("D"), 150); // task two evicts its own C
        assertNull(two.get("C"));
        assertEquals(450, budget.used());
        one.put("E", state("E"), 50); // task one evicts A, then is within budget
        assertNull(one.get("A"));
        assertEquals(350, budget.used());
        one.clear();
        assertEquals(150, budget.used());
        assertThrows(IllegalArgumentException.class, () -> new DecodedStates.Budget(0));
    }
}
