package dev.entrada.local;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs a child JVM's real main class and ends that JVM (through its shutdown hooks) when the
 * launcher's process is gone — so even a launcher killed with SIGKILL leaves no orphan JVMs.
 * Uses only the JDK: it is put on the child's classpath on its own.
 *
 * <p>{@code ParentWatch <parent pid> <main class> [args…]}
 */
public final class ParentWatch {

    public static void main(String[] args) throws Throwable {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentWatch::parentGone),
                ParentWatch::parentGone);
        try {
            Class.forName(args[1]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void parentGone() {
        System.err.println("the Entrada launcher is gone; stopping");
        System.exit(0);
    }

    private ParentWatch() {
    }
}
