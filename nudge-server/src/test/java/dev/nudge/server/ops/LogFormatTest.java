package dev.nudge.server.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Through real logback: an appender on the root logger, as logback.xml sets up STDERR. */
class LogFormatTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private Logger root;

    @BeforeEach
    void attach() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern("%level %logger - %msg%n");
        text.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(text);
        appender.setOutputStream(out);
        appender.start();
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        LogFormat.TEXT.apply();
        root.detachAppender(appender);
        appender.stop();
    }

    @Test
    void json_writesOneObjectPerLine_withTheFormattedMessage() throws Exception {
        LogFormat.JSON.apply();
        out.reset();
        LoggerFactory.getLogger("dev.nudge.test").warn("disk {} is {}% full", "/data", 93);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).as(out.toString(StandardCharsets.UTF_8)).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.has("level")).as(lines[0]).isTrue();
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("dev.nudge.test");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("disk /data is 93% full");
        assertThat(line.get("timestamp").asLong()).isPositive();
    }

    @Test
    void text_afterJson_restoresThePattern() {
        LogFormat.JSON.apply();
        LogFormat.TEXT.apply();
        out.reset();
        LoggerFactory.getLogger("dev.nudge.test").info("plain again");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("INFO dev.nudge.test - plain again\n");
    }

    @Test
    void unknownFormat_saysWhichOnesExist() {
        assertThatThrownBy(() -> LogFormat.parse("yaml")).hasMessage("--log-format must be text or json, got 'yaml'");
    }
}
