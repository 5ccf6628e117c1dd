package dev.lark.testkit.ds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small client for the DolphinScheduler 3.1.1 REST API (base {@code .../dolphinscheduler}), enough to drive
 * workflows from integration tests: log in, set up a tenant and a project, create a workflow from task definitions,
 * release and start it, wait for the end and read task states, varPools and logs; stop runs; start, savepoint and
 * stop stream tasks. Every DS answer is {@code {"code":0,"msg":..,"data":..}}; a non-zero code raises
 * {@link DolphinSchedulerApiException}. Not thread-safe per instance (one session).
 *
 * <p>The paths and parameters are DS 3.1.1's controllers (see this module's README for the list).
 */
public final class DolphinSchedulerClient {
    public static final String DEFAULT_TENANT = "root";
    static final Set<String> FINAL_WORKFLOW_STATES = Set.of("SUCCESS", "FAILURE", "STOP", "PAUSE");
    static final Set<String> FINAL_TASK_STATES = Set.of("SUCCESS", "FAILURE", "KILL", "PAUSE", "FORCED_SUCCESS",
            "NEED_FAULT_TOLERANCE");
    private static final Duration POLL = Duration.ofMillis(500);

    private final String baseUrl;
    private final String user;
    private final String password;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private String sessionId;

    private DolphinSchedulerClient(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.user = user;
        this.password = password;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Logs in at {@code restUrl} (e.g. {@code http://127.0.0.1:12345/dolphinscheduler}). */
    public static DolphinSchedulerClient login(String restUrl, String user, String password) {
        DolphinSchedulerClient c = new DolphinSchedulerClient(restUrl, user, password);
        c.login();
        return c;
    }

    /** Logs in to the sandbox's {@code dolphinscheduler} component. */
    public static DolphinSchedulerClient login(SandboxEndpoints endpoints) {
        Map<String, String> ds = endpoints.of("dolphinscheduler");
        return login(require(ds, "restUrl"), require(ds, "user"), require(ds, "password"));
    }

    private static String require(Map<String, String> endpoints, String key) {
        String v = endpoints.get(key);
        if (v == null) {
            throw new IllegalStateException("the dolphinscheduler component publishes no '" + key
                    + "' endpoint; is it running? (packaging/bin/lark-netns packaging/bin/lark sandbox up --with"
                    + " dolphinscheduler)");
        }
        return v;
    }

    /** {@code POST /login}; keeps the {@code sessionId} for the following calls. */
    public void login() {
        // the password goes only into the request body, never into messages
        JsonNode data = call("POST", "/login", form("userName", user, "userPassword", password), "login as " + user);
        this.sessionId = data.path("sessionId").asText(null);
        if (sessionId == null) {
            throw new DolphinSchedulerApiException("login as " + user, -1, "no sessionId in the answer");
        }
    }

    // ---------------------------------------------------------------- datasources

    /**
     * {@code POST /datasources} (JSON body, as the UI sends it; DS tests the connection before it stores one, and
     * answers 10016 when that fails). Returns the new datasource's id.
     */
    public int createDatasource(DatasourceSpec spec) {
        ObjectNode body = json.createObjectNode().put("type", spec.type()).put("name", spec.name())
                .put("note", "created by lark").put("host", spec.host()).put("port", spec.port())
                .put("database", spec.database()).put("userName", spec.user()).put("password", spec.password());
        ObjectNode other = body.putObject("other");
        spec.otherSettings().forEach(other::put);
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/datasources")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "create " + spec);
        return findDatasource(spec.type(), spec.name()).orElseThrow(() -> new DolphinSchedulerApiException(
                "create " + spec, -1, "DS accepted the datasource but does not list it"));
    }

    /** The id of the datasource named {@code spec.name()}, created when missing. */
    public int ensureDatasource(DatasourceSpec spec) {
        return findDatasource(spec.type(), spec.name()).orElseGet(() -> createDatasource(spec));
    }

    /** {@code GET /datasources/list?type=}: the id of the datasource of that type and name. */
    public Optional<Integer> findDatasource(String type, String name) {
        for (JsonNode d : get("/datasources/list", Map.of("type", type))) {
            if (name.equals(d.path("name").asText())) {
                return Optional.of(d.path("id").asInt());
            }
        }
        return Optional.empty();
    }

    /** {@code GET /datasources/{id}/connect-test}; throws with DS's message when the connection fails. */
    public void testDatasource(int id) {
        get("/datasources/" + id + "/connect-test", Map.of());
    }

    // ---------------------------------------------------------------- tenants, users, projects

    /**
     * Makes sure the tenant {@code tenantCode} (an existing OS user; DS runs tasks as it) exists and is the logged-in
     * user's tenant. Returns the tenant id.
     */
    public int ensureTenant(String tenantCode) {
        int id = tenantId(tenantCode);
        if (id < 0) {
            int queueId = get("/queues/list", Map.of()).path(0).path("id").asInt(1);
            try {
                id = call("POST", "/tenants", form("tenantCode", tenantCode, "queueId", queueId, "description",
                        "created by the Lark test kit"), "create tenant " + tenantCode).path("id").asInt();
            } catch (DolphinSchedulerApiException e) {
                id = tenantId(tenantCode); // another test JVM created it meanwhile
                if (id < 0) {
                    throw e;
                }
            }
        }
        JsonNode me = get("/users/get-user-info", Map.of());
        if (me.path("tenantId").asInt() != id) {
            call("POST", "/users/update", form("id", me.path("id").asInt(), "userName", me.path("userName").asText(),
                    "userPassword", password, "email", me.path("email").asText(), "tenantId", id,
                    "phone", me.path("phone").asText(""), "state", me.path("state").asInt(1),
                    "queue", me.path("queue").asText("")), "assign tenant " + tenantCode + " to " + user);
        }
        return id;
    }

    /** The code of the project named {@code name}, created when missing. */
    public long ensureProject(String name) {
        long code = projectCode(name);
        if (code > 0) {
            return code;
        }
        try {
            return call("POST", "/projects", form("projectName", name, "description", "created by the Lark test kit"),
                    "create project " + name).path("code").asLong();
        } catch (DolphinSchedulerApiException e) {
            code = projectCode(name); // another test JVM created it meanwhile
            if (code > 0) {
                return code;
            }
            throw e;
        }
    }

    private long projectCode(String name) {
        for (JsonNode p : get("/projects/list", Map.of())) {
            if (name.equals(p.path("name").asText())) {
                return p.path("code").asLong();
            }
        }
        return -1;
    }

    private int tenantId(String tenantCode) {
        for (JsonNode t : get("/tenants/list", Map.of())) {
            if (tenantCode.equals(t.path("tenantCode").asText())) {
                return t.path("id").asInt();
            }
        }
        return -1;
    }

    /** {@code n} fresh task codes ({@code GET /projects/{p}/task-definition/gen-task-codes}). */
    public List<Long> genTaskCodes(long projectCode, int n) {
        List<Long> codes = new ArrayList<>();
        get("/projects/" + projectCode + "/task-definition/gen-task-codes", Map.of("genNum", n))
                .forEach(c -> codes.add(c.asLong()));
        if (codes.size() != n) {
            throw new DolphinSchedulerApiException("gen-task-codes", -1, "asked for " + n + ", got " + codes);
        }
        return codes;
    }

    // ---------------------------------------------------------------- workflows

    /**
     * Creates the workflow (offline). Every task gets {@code taskExecuteType} from its spec (BATCH by default: the
     * UI hides tasks without it), worker group {@code default}, no environment.
     */
    public Workflow createWorkflow(long projectCode, WorkflowSpec spec) {
        List<Long> codes = genTaskCodes(projectCode, spec.tasks().size());
        Map<String, Long> byName = new LinkedHashMap<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            byName.put(spec.tasks().get(i).name(), codes.get(i));
        }
        JsonNode created = call("POST", "/projects/" + projectCode + "/process-definition",
                dagForm(spec, byName, Map.of()), "create workflow " + spec.name());
        return new Workflow(projectCode, created.path("code").asLong(), spec.name(), byName);
    }

    /**
     * The workflow named {@code name} in the project, with the code of each of its tasks, or empty when the project
     * has none of that name ({@code GET /projects/{p}/process-definition/simple-list}, then
     * {@code GET /projects/{p}/process-definition/{code}}).
     */
    public Optional<Workflow> findWorkflow(long projectCode, String name) {
        for (JsonNode w : get("/projects/" + projectCode + "/process-definition/simple-list", Map.of())) {
            if (name.equals(w.path("name").asText())) {
                long code = w.path("code").asLong();
                Map<String, Long> tasks = new LinkedHashMap<>();
                dag(projectCode, code).path("taskDefinitionList")
                        .forEach(t -> tasks.put(t.path("name").asText(), t.path("code").asLong()));
                return Optional.of(new Workflow(projectCode, code, name, tasks));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether DS holds exactly {@code spec} as the definition of {@code workflow}: the same tasks (type, parameters,
     * retries, timeout, execute type, description), the same edges, global parameters and execution type.
     */
    public boolean hasDefinition(Workflow workflow, WorkflowSpec spec) {
        JsonNode dag = dag(workflow.projectCode(), workflow.code());
        JsonNode definition = dag.path("processDefinition");
        if (!spec.executionType().equals(definition.path("executionType").asText())
                || !globalParams(spec).equals(readJson(definition.path("globalParams")))) {
            return false;
        }
        Map<Long, JsonNode> stored = new LinkedHashMap<>();
        dag.path("taskDefinitionList").forEach(t -> stored.put(t.path("code").asLong(), t));
        if (stored.size() != spec.tasks().size() || !workflow.taskCodes().keySet().equals(spec.tasks().stream()
                .map(TaskDefinitionSpec::name).collect(Collectors.toSet()))) {
            return false;
        }
        Set<String> edges = new HashSet<>();
        dag.path("processTaskRelationList").forEach(r -> edges.add(r.path("preTaskCode").asLong() + ">"
                + r.path("postTaskCode").asLong()));
        Set<String> wanted = new HashSet<>();
        for (TaskDefinitionSpec t : spec.tasks()) {
            long code = workflow.taskCode(t.name());
            JsonNode s = stored.get(code);
            if (s == null || !t.type().equals(s.path("taskType").asText())
                    || !t.taskParams().equals(readJson(s.path("taskParams")))
                    || t.retries() != s.path("failRetryTimes").asInt()
                    || t.retryIntervalMinutes() != s.path("failRetryInterval").asInt()
                    || t.timeoutMinutes() != s.path("timeout").asInt()
                    || !t.executeType().equals(s.path("taskExecuteType").asText())
                    || !t.description().equals(s.path("description").asText(""))) {
                return false;
            }
            if (t.upstream().isEmpty()) {
                wanted.add("0>" + code);
            }
            t.upstream().forEach(up -> wanted.add(workflow.taskCode(up) + ">" + code));
        }
        return edges.equals(wanted);
    }

    /**
     * Replaces the definition of {@code workflow} by {@code spec} in place, so the workflow keeps its code: takes it
     * offline, then {@code PUT /projects/{p}/process-definition/{code}} (same form as the create call). A task keeps
     * its code when {@code spec} has a task of the same name (DS stores a new version of it if it changed); new
     * tasks get new codes. Returns the workflow, offline.
     */
    public Workflow updateWorkflow(Workflow workflow, WorkflowSpec spec) {
        Map<Long, Integer> versions = new LinkedHashMap<>();
        dag(workflow.projectCode(), workflow.code()).path("taskDefinitionList")
                .forEach(t -> versions.put(t.path("code").asLong(), t.path("version").asInt()));
        List<String> added = spec.tasks().stream().map(TaskDefinitionSpec::name)
                .filter(n -> !workflow.taskCodes().containsKey(n)).collect(Collectors.toList());
        List<Long> fresh = added.isEmpty() ? List.of() : genTaskCodes(workflow.projectCode(), added.size());
        Map<String, Long> byName = new LinkedHashMap<>();
        for (TaskDefinitionSpec t : spec.tasks()) {
            int i = added.indexOf(t.name());
            byName.put(t.name(), i >= 0 ? fresh.get(i) : workflow.taskCode(t.name()));
        }
        release(workflow, false); // DS refuses to edit an ONLINE workflow
        call("PUT", "/projects/" + workflow.projectCode() + "/process-definition/" + workflow.code(),
                dagForm(spec, byName, versions), "update workflow " + spec.name());
        return new Workflow(workflow.projectCode(), workflow.code(), spec.name(), byName);
    }

    /** The form of the create and update calls; {@code versions}: the current version of each existing task code. */
    private Map<String, Object> dagForm(WorkflowSpec spec, Map<String, Long> byName, Map<Long, Integer> versions) {
        ArrayNode definitions = json.createArrayNode();
        ArrayNode relations = json.createArrayNode();
        ArrayNode locations = json.createArrayNode();
        int column = 0;
        for (TaskDefinitionSpec t : spec.tasks()) {
            long code = byName.get(t.name());
            ObjectNode d = definitions.addObject();
            d.put("code", code);
            d.put("version", versions.getOrDefault(code, 0));
            d.put("name", t.name());
            d.put("description", t.description());
            d.put("taskType", t.type());
            d.set("taskParams", t.taskParams());
            d.put("flag", "YES");
            d.put("taskPriority", "MEDIUM");
            d.put("workerGroup", "default");
            d.put("environmentCode", -1);
            d.put("failRetryTimes", t.retries());
            d.put("failRetryInterval", t.retryIntervalMinutes());
            d.put("timeoutFlag", t.timeoutMinutes() > 0 ? "OPEN" : "CLOSE");
            d.put("timeoutNotifyStrategy", t.timeoutMinutes() > 0 ? t.timeoutStrategy() : null);
            d.put("timeout", t.timeoutMinutes());
            d.put("delayTime", 0);
            d.put("taskGroupId", 0);
            d.put("taskGroupPriority", 0);
            d.put("cpuQuota", -1);
            d.put("memoryMax", -1);
            d.put("taskExecuteType", t.executeType());
            // relation versions are 0: DS sets them from the task definitions it saves
            List<Long> pre = t.upstream().isEmpty() ? List.of(0L)
                    : t.upstream().stream().map(byName::get).collect(Collectors.toList());
            for (long p : pre) {
                ObjectNode r = relations.addObject();
                r.put("name", "");
                r.put("preTaskCode", p);
                r.put("preTaskVersion", 0);
                r.put("postTaskCode", code);
                r.put("postTaskVersion", 0);
                r.put("conditionType", "NONE");
                r.set("conditionParams", json.createObjectNode());
            }
            locations.addObject().put("taskCode", code).put("x", 80 + 220 * column++).put("y", 120);
        }
        return form(
                "name", spec.name(),
                "description", "created by the Lark test kit",
                "globalParams", globalParams(spec).toString(),
                "locations", locations.toString(),
                "timeout", 0,
                "tenantCode", spec.tenant(),
                "taskRelationJson", relations.toString(),
                "taskDefinitionJson", definitions.toString(),
                "executionType", spec.executionType());
    }

    private ArrayNode globalParams(WorkflowSpec spec) {
        ArrayNode globals = json.createArrayNode();
        spec.globalParams().forEach((k, v) -> globals.addObject().put("prop", k).put("direct", "IN")
                .put("type", "VARCHAR").put("value", v));
        return globals;
    }

    /** {@code GET /projects/{p}/process-definition/{code}}: processDefinition, processTaskRelationList, taskDefinitionList. */
    private JsonNode dag(long projectCode, long workflowCode) {
        return get("/projects/" + projectCode + "/process-definition/" + workflowCode, Map.of());
    }

    /** DS answers some JSON-valued fields as JSON, some as JSON text; both read as a tree here. */
    private JsonNode readJson(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.asText();
        if (text.isBlank()) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return value;
        }
    }

    /** {@code POST /projects/{p}/process-definition/{code}/release}, {@code ONLINE} or {@code OFFLINE}. */
    public void release(Workflow workflow, boolean online) {
        call("POST", "/projects/" + workflow.projectCode() + "/process-definition/" + workflow.code() + "/release",
                form("releaseState", online ? "ONLINE" : "OFFLINE"), "release workflow " + workflow.name());
    }

    /**
     * Starts the (released) workflow and returns the id of the new workflow instance. DS's start call answers
     * before the master has created the instance, so this waits (up to {@code timeout}) for it to appear.
     */
    public int start(Workflow workflow, StartOptions options, Duration timeout) {
        int before = newestInstanceId(workflow);
        String path = "/projects/" + workflow.projectCode() + "/executors/start-process-instance";
        Map<String, Object> f = form(
                "processDefinitionCode", workflow.code(),
                "failureStrategy", options.failureStrategy(),
                "warningType", "NONE",
                "warningGroupId", 0,
                "processInstancePriority", "MEDIUM",
                "workerGroup", options.workerGroup(),
                "environmentCode", -1,
                "taskDependType", "TASK_POST",
                "runMode", "RUN_MODE_SERIAL",
                "dryRun", 0);
        if (options.scheduleTime() != null) {
            // a run for one schedule time is a complement run over a one-element date list
            f.put("execType", "COMPLEMENT_DATA");
            f.put("scheduleTime", json.createObjectNode().put("complementScheduleDateList",
                    StartOptions.DS_TIME.format(options.scheduleTime())).toString());
        } else {
            f.put("execType", "START_PROCESS");
            f.put("scheduleTime", "");
        }
        if (!options.startParams().isEmpty()) {
            f.put("startParams", json.valueToTree(options.startParams()).toString());
        }
        call("POST", path, f, "start workflow " + workflow.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int id = newestInstanceId(workflow);
            if (id > before) {
                return id;
            }
            if (System.nanoTime() > deadline) {
                throw new DolphinSchedulerApiException("start workflow " + workflow.name(), -1, "no workflow"
                        + " instance appeared within " + timeout.toSeconds() + " s; is the master overloaded or"
                        + " down? (see the DS server log)");
            }
            sleep(POLL);
        }
    }

    /** Start, wait for a final state, collect tasks and logs. */
    public WorkflowRun run(Workflow workflow, StartOptions options, Duration timeout) {
        long t0 = System.nanoTime();
        int id = start(workflow, options, timeout);
        return awaitFinal(workflow.projectCode(), id, timeout.minusNanos(System.nanoTime() - t0));
    }

    /** Polls the instance until it reaches SUCCESS, FAILURE, STOP or PAUSE; then returns it with tasks and logs. */
    public WorkflowRun awaitFinal(long projectCode, int instanceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = instance(projectCode, instanceId).path("state").asText();
            if (FINAL_WORKFLOW_STATES.contains(state)) {
                return workflowRun(projectCode, instanceId);
            }
            sleep(POLL);
        }
        throw new DolphinSchedulerApiException("wait for workflow instance " + instanceId, -1, "still " + state
                + " after " + timeout.toSeconds() + " s:\n" + workflowRun(projectCode, instanceId).describe());
    }

    /** Waits until the task named {@code taskName} of the instance is running (e.g. before killing it). */
    public TaskRun awaitTaskRunning(long projectCode, int instanceId, String taskName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode t : taskInstances(projectCode, instanceId)) {
                if (taskName.equals(t.path("name").asText())
                        && "RUNNING_EXECUTION".equals(t.path("state").asText())) {
                    return taskRun(t);
                }
            }
            sleep(POLL);
        }
        throw new DolphinSchedulerApiException("wait for task " + taskName, -1, "not running after "
                + timeout.toSeconds() + " s:\n" + workflowRun(projectCode, instanceId).describe());
    }

    /**
     * Waits until the log of the running task named {@code taskName} contains {@code text} (DS flushes task output
     * to the log about once a second), e.g. to be sure a task is past its start before stopping it.
     */
    public TaskRun awaitTaskLogContains(long projectCode, int instanceId, String taskName, String text,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode t : taskInstances(projectCode, instanceId)) {
                if (taskName.equals(t.path("name").asText())) {
                    TaskRun run = taskRun(t);
                    if (run.log().contains(text)) {
                        return run;
                    }
                }
            }
            sleep(POLL);
        }
        throw new DolphinSchedulerApiException("wait for the log of task " + taskName, -1, "no '" + text
                + "' after " + timeout.toSeconds() + " s:\n" + workflowRun(projectCode, instanceId).describe());
    }

    /**
     * The instance as it is now, with every valid task instance and its log. The worker reports a task's end before
     * the last lines of its output reach the log, so for a finished instance this re-reads each log until it stops
     * growing.
     */
    public WorkflowRun workflowRun(long projectCode, int instanceId) {
        JsonNode pi = instance(projectCode, instanceId);
        boolean finished = FINAL_WORKFLOW_STATES.contains(pi.path("state").asText());
        List<TaskRun> tasks = new ArrayList<>();
        for (JsonNode t : taskInstances(projectCode, instanceId)) {
            TaskRun run = taskRun(t);
            if (finished && !run.log().isEmpty()) {
                run = withSettledLog(run);
            }
            tasks.add(run);
        }
        return new WorkflowRun(projectCode, instanceId, pi.path("state").asText(), pi.path("scheduleTime").asText(""),
                pi.path("varPool").asText(""), tasks);
    }

    /** Stops a running workflow instance; its running tasks are cancelled and end as KILL. */
    public void stop(long projectCode, int instanceId) {
        execute(projectCode, instanceId, "STOP");
    }

    /** {@code POST /projects/{p}/executors/execute}: STOP, PAUSE, REPEAT_RUNNING, START_FAILURE_TASK_PROCESS, ... */
    public void execute(long projectCode, int instanceId, String executeType) {
        call("POST", "/projects/" + projectCode + "/executors/execute",
                form("processInstanceId", instanceId, "executeType", executeType),
                executeType + " workflow instance " + instanceId);
    }

    /** The ids of the workflow's instances, newest first. */
    public List<Integer> instanceIds(Workflow workflow) {
        List<Integer> ids = new ArrayList<>();
        get("/projects/" + workflow.projectCode() + "/process-instances", Map.of("processDefineCode",
                workflow.code(), "pageNo", 1, "pageSize", 100)).path("totalList")
                .forEach(i -> ids.add(i.path("id").asInt()));
        ids.sort((a, b) -> Integer.compare(b, a));
        return ids;
    }

    // ---------------------------------------------------------------- stream tasks

    /**
     * Starts a STREAM task definition on its own ({@code POST /projects/{p}/executors/task-instance/{code}/start};
     * DS 3.1.1 does not require the workflow to be released). Returns the new task instance once DS created it.
     */
    public TaskRun startStreamTask(Workflow workflow, String taskName, Map<String, String> startParams,
            Duration timeout) {
        long code = workflow.taskCode(taskName);
        int version = get("/projects/" + workflow.projectCode() + "/task-definition/" + code, Map.of())
                .path("version").asInt(1);
        int before = streamTaskInstances(workflow.projectCode(), taskName).stream().mapToInt(TaskRun::id).max()
                .orElse(0);
        Map<String, Object> f = form("version", version, "warningGroupId", 0, "workerGroup", "default",
                "environmentCode", -1, "dryRun", 0);
        if (!startParams.isEmpty()) {
            f.put("startParams", json.valueToTree(startParams).toString());
        }
        call("POST", "/projects/" + workflow.projectCode() + "/executors/task-instance/" + code + "/start", f,
                "start stream task " + taskName);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (TaskRun t : streamTaskInstances(workflow.projectCode(), taskName)) {
                if (t.id() > before) {
                    return t;
                }
            }
            sleep(POLL);
        }
        throw new DolphinSchedulerApiException("start stream task " + taskName, -1, "no task instance within "
                + timeout.toSeconds() + " s");
    }

    /** The STREAM task instances named {@code taskName}, newest first. */
    public List<TaskRun> streamTaskInstances(long projectCode, String taskName) {
        List<TaskRun> out = new ArrayList<>();
        get("/projects/" + projectCode + "/task-instances", Map.of("taskName", taskName, "taskExecuteType",
                "STREAM", "pageNo", 1, "pageSize", 100)).path("totalList").forEach(t -> out.add(taskRun(t)));
        out.sort((a, b) -> Integer.compare(b.id(), a.id()));
        return out;
    }

    /** Waits until the stream task instance ends (SUCCESS, FAILURE, KILL, ...); returns it with its whole log. */
    public TaskRun awaitStreamTaskEnd(long projectCode, String taskName, int taskInstanceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskRun last = null;
        while (System.nanoTime() < deadline) {
            for (TaskRun t : streamTaskInstances(projectCode, taskName)) {
                if (t.id() == taskInstanceId) {
                    last = t;
                    if (FINAL_TASK_STATES.contains(t.state())) {
                        return withSettledLog(t);
                    }
                }
            }
            sleep(POLL);
        }
        throw new DolphinSchedulerApiException("wait for stream task " + taskName, -1, "instance " + taskInstanceId
                + " still " + (last == null ? "missing" : last.state()) + " after " + timeout.toSeconds() + " s");
    }

    /** Asks the stream task to take a savepoint ({@code POST /projects/{p}/task-instances/{id}/savepoint}). */
    public void savepoint(long projectCode, int taskInstanceId) {
        call("POST", "/projects/" + projectCode + "/task-instances/" + taskInstanceId + "/savepoint", form(),
                "savepoint task instance " + taskInstanceId);
    }

    /** Stops a stream task instance ({@code POST /projects/{p}/task-instances/{id}/stop}). */
    public void stopTask(long projectCode, int taskInstanceId) {
        call("POST", "/projects/" + projectCode + "/task-instances/" + taskInstanceId + "/stop", form(),
                "stop task instance " + taskInstanceId);
    }

    // ---------------------------------------------------------------- plugins

    /**
     * The task types the running DS knows ({@code GET /ui-plugins/query-by-type?pluginType=TASK}). Asked from DS
     * rather than grepped from its server log, which rolls over every hour and then no longer holds start-up lines.
     */
    public List<String> taskPluginNames() {
        List<String> names = new java.util.ArrayList<>();
        get("/ui-plugins/query-by-type", Map.of("pluginType", "TASK"))
                .forEach(t -> names.add(t.path("pluginName").asText()));
        return names;
    }

    // ---------------------------------------------------------------- logs

    /** The whole task log, read page by page ({@code GET /log/detail}). */
    public String taskLog(int taskInstanceId) {
        StringBuilder log = new StringBuilder();
        int skip = 0;
        final int limit = 1000;
        while (true) {
            JsonNode page = get("/log/detail", Map.of("taskInstanceId", taskInstanceId, "skipLineNum", skip,
                    "limit", limit));
            String message = page.path("message").asText("");
            int lines = page.path("lineNum").asInt(0);
            log.append(message);
            if (lines < limit || message.isEmpty()) {
                return log.toString();
            }
            skip += lines;
        }
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode instance(long projectCode, int instanceId) {
        return get("/projects/" + projectCode + "/process-instances/" + instanceId, Map.of());
    }

    private JsonNode taskInstances(long projectCode, int instanceId) {
        return get("/projects/" + projectCode + "/process-instances/" + instanceId + "/tasks", Map.of())
                .path("taskList");
    }

    private int newestInstanceId(Workflow workflow) {
        List<Integer> ids = instanceIds(workflow);
        return ids.isEmpty() ? 0 : ids.get(0);
    }

    private TaskRun taskRun(JsonNode t) {
        int id = t.path("id").asInt();
        String state = t.path("state").asText();
        String log = "SUBMITTED_SUCCESS".equals(state) || "DISPATCH".equals(state) || t.path("host").isNull()
                ? "" : safeLog(id);
        return new TaskRun(id, t.path("name").asText(), t.path("taskType").asText(), t.path("taskCode").asLong(),
                state, t.path("retryTimes").asInt(), t.path("host").asText(""), t.path("appLink").asText(""),
                t.path("varPool").asText(""), log);
    }

    private TaskRun withSettledLog(TaskRun run) {
        String log = run.log();
        for (int i = 0; i < 20; i++) {
            sleep(Duration.ofMillis(750));
            String again = safeLog(run.id());
            if (again.equals(log)) {
                break;
            }
            log = again;
        }
        return new TaskRun(run.id(), run.name(), run.taskType(), run.taskCode(), run.state(), run.retryTimes(),
                run.host(), run.appLink(), run.varPool(), log);
    }

    private String safeLog(int taskInstanceId) {
        try {
            return taskLog(taskInstanceId);
        } catch (DolphinSchedulerApiException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private JsonNode get(String path, Map<String, ?> query) {
        String q = encode(query);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path + (q.isEmpty() ? "" : "?" + q))).GET(),
                "GET " + path);
    }

    private JsonNode call(String method, String path, Map<String, ?> form, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
        return send(b, what);
    }

    private JsonNode send(HttpRequest.Builder b, String what) {
        b.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (sessionId != null) {
            b.header("Cookie", "sessionId=" + sessionId);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DolphinSchedulerApiException(what, -1, "cannot reach " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DolphinSchedulerApiException(what, -1, "interrupted");
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (IOException e) {
            throw new DolphinSchedulerApiException(what, r.statusCode(), "HTTP " + r.statusCode()
                    + ", not JSON: " + abbreviate(r.body()));
        }
        if (body == null || body.path("code").asInt(-1) != 0) {
            throw new DolphinSchedulerApiException(what, body == null ? r.statusCode() : body.path("code").asInt(-1),
                    body == null ? "HTTP " + r.statusCode() : body.path("msg").asText(abbreviate(r.body())));
        }
        return body.path("data");
    }

    private static Map<String, Object> form(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String encode(Map<String, ?> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DolphinSchedulerApiException("wait", -1, "interrupted");
        }
    }
}
