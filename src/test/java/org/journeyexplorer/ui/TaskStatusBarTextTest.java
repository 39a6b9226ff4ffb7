package org.journeyexplorer.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskStatusBarTextTest {
    @Test
    void oneJobIsSingular() {
        assertEquals("1 job", TaskStatusBar.jobsText(1));
        assertEquals("2 jobs", TaskStatusBar.jobsText(2));
        assertEquals("0 jobs", TaskStatusBar.jobsText(0));
    }
}
