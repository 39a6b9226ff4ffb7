package org.journeyexplorer.core;

import java.lang.reflect.Method;

/**
 * Runs the JVM's diagnostic commands (what {@code jcmd PID LINE} sends, e.g. {@code Compiler.directives_add FILE})
 * in this JVM, through its diagnostic command implementation directly: the jar's {@code Add-Opens} manifest entry
 * opens its package to {@code java -jar}. The documented way, the platform MBean server, registers every platform
 * MXBean first: 0.1–0.3 s of CPU as a command or the app starts, against about 15–20 ms this way (issue 16).
 */
public final class DiagnosticCommand {
    private DiagnosticCommand() {
    }

    /**
     * Runs {@code line} and returns its output, or null when this JVM runs no diagnostic commands; throws when the
     * implementation is out of reach (its package not opened to us, another JDK).
     */
    public static String run(String line) throws ReflectiveOperationException {
        // its class initialisation loads the native library the command's implementation is in
        Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
        Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
        Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
        get.setAccessible(true);
        Object bean = get.invoke(null);
        if (bean == null) {
            return null;
        }
        Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        return (String) execute.invoke(bean, line);
    }
}
