package dev.entrada.local;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ParentWatchTest {

    /** A child's main that would run forever. */
    public static final class Forever {
        public static void main(String[] args) throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    @Test
    void aChildJvmStopsWhenItsParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "120").start();
        Process child = new ProcessBuilder(ChildProcess.javaExecutable(), "-cp",
                String.join(File.pathSeparator, ChildProcess.currentClasspath()),
                ParentWatch.class.getName(), String.valueOf(parent.pid()), Forever.class.getName())
                .redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(2, TimeUnit.SECONDS)).as("child runs while its parent lives").isFalse();

            parent.destroyForcibly().waitFor();

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child stopped after its parent died").isTrue();
            assertThat(new String(child.getInputStream().readAllBytes())).contains("launcher is gone");
        } finally {
            child.destroyForcibly();
            parent.destroyForcibly();
        }
    }
}
