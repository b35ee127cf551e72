package dev.ticketing.acceptance;

import dev.ticketing.deploy.LambdaBuild;
import dev.ticketing.local.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code sam deploy} would do, done against LocalStack with the AWS SDK: the Lambda jars to S3, template.yaml
 * with each function's CodeUri pointing at its jar there (the jar the Makefile's target for it ships) (LocalStack applies the SAM transform), a Cognito user pool whose tokens the
 * API's JWT authorizer accepts, and the stack created with that pool as JwtIssuer. Users are made on first use.
 */
final class LocalStackDeployment {
    private static final String BUCKET = "ticketing-lambda-code";
    private static final String STACK = "ticketing";
    private static final String PASSWORD = "Acceptance-Test-1";
    /** template.yaml's CodeUri for sam build (the root, with the Makefile), replaced by each function's own. */
    private static final String GLOBAL_CODE_URI = "    CodeUri: .\n";
    /**
     * template.yaml's runtime, and the one LocalStack runs the functions on: the pinned image predates Lambda's
     * java25 runtime (added by AWS in November 2025), and the jars are Java 17 bytecode, which java21 runs.
     */
    private static final String RUNTIME = "    Runtime: java25\n", LOCALSTACK_RUNTIME = "    Runtime: java21\n";

    private final Api api;

    private LocalStackDeployment(Api api) {
        this.api = api;
    }

    Api api() {
        return api;
    }

    static LocalStackDeployment deploy(LocalStackContainer localstack, Path repository) throws IOException {
        Region region = Region.of(localstack.getRegion());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        S3Client s3 = S3Client.builder().endpointOverride(localstack.getEndpoint()).region(region)
                .credentialsProvider(credentials).forcePathStyle(true).build();
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(localstack.getEndpoint()).region(region).credentialsProvider(credentials).build();
        CloudFormationClient cloudFormation = CloudFormationClient.builder()
                .endpointOverride(localstack.getEndpoint()).region(region).credentialsProvider(credentials).build();

        // 1. the code
        s3.createBucket(b -> b.bucket(BUCKET));
        String deployable = Files.readString(repository.resolve("template.yaml")).replace(GLOBAL_CODE_URI, "")
                .replace(RUNTIME, LOCALSTACK_RUNTIME);
        for (LambdaBuild.Target target : LambdaBuild.read(repository).targets()) {
            Path jar = repository.resolve(target.jar());
            String key = jar.getFileName().toString();
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(jar));
            // what sam build + sam package leave: each function's CodeUri is its code in S3 (a jar is a zip Lambda takes)
            String function = "\n  " + target.functionId() + ":\n    Type: AWS::Serverless::Function\n";
            int properties = deployable.indexOf("    Properties:\n", deployable.indexOf(function)) + "    Properties:\n".length();
            deployable = deployable.substring(0, properties) + "      CodeUri: s3://" + BUCKET + "/" + key + "\n"
                    + deployable.substring(properties);
        }

        // 2. the identity provider
        String pool = cognito.createUserPool(b -> b.poolName("ticketing-acceptance")).userPool().id();
        String client = cognito.createUserPoolClient(b -> b.userPoolId(pool).clientName("acceptance")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        cognito.createGroup(b -> b.userPoolId(pool).groupName("admin"));
        Api.Tokens tokens = (userId, admin) -> {
            cognito.adminCreateUser(b -> b.userPoolId(pool).username(userId).messageAction("SUPPRESS"));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(userId).password(PASSWORD).permanent(true));
            if (admin) {
                cognito.adminAddUserToGroup(b -> b.userPoolId(pool).username(userId).groupName("admin"));
            }
            return cognito.adminInitiateAuth(b -> b.userPoolId(pool).clientId(client)
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", userId, "PASSWORD", PASSWORD))).authenticationResult().idToken();
        };
        // the issuer LocalStack writes into its tokens is the one the authorizer must trust
        String issuer = claim(tokens.token("issuer-probe", false), "iss");

        // 3. the stack
        String templateBody = deployable;
        cloudFormation.createStack(b -> b.stackName(STACK).templateBody(templateBody)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND)
                .parameters(Parameter.builder().parameterKey("JwtIssuer").parameterValue(issuer).build(),
                        Parameter.builder().parameterKey("JwtAudience").parameterValue(client).build()));
        cloudFormation.waiter().waitUntilStackCreateComplete(b -> b.stackName(STACK),
                wait -> wait.waitTimeout(Duration.ofMinutes(10)));
        List<Output> outputs = cloudFormation.describeStacks(b -> b.stackName(STACK)).stacks().get(0).outputs();
        String apiUrl = outputs.stream().filter(o -> o.outputKey().equals("ApiUrl")).findFirst().orElseThrow().outputValue();
        // https://<apiId>.execute-api.<region>.amazonaws.com -> LocalStack's host for that API
        String apiId = apiUrl.substring("https://".length(), apiUrl.indexOf('.'));
        String base = "http://" + apiId + ".execute-api.localhost.localstack.cloud:" + localstack.getEndpoint().getPort();
        return new LocalStackDeployment(new Api(java.net.URI.create(base), tokens));
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " claim in " + payload);
        }
        return value.group(1);
    }
}
