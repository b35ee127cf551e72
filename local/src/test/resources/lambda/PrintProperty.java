import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * Run with ONLY a deployable Lambda jar on the classpath:
 * {@code java -cp <jar> PrintProperty.java <handler class> <property>}. Builds the handler the way Lambda does and
 * prints one property of its application context as {@code PROPERTY <value>}, to show which configuration files the
 * jar really reads.
 */
public class PrintProperty {
    public static void main(String[] args) throws Exception {
        MicronautRequestHandler<?, ?> handler =
                (MicronautRequestHandler<?, ?>) Class.forName(args[0]).getConstructor().newInstance();
        System.out.println("PROPERTY " + handler.getApplicationContext().getProperty(args[1], String.class).orElse("<none>"));
        System.exit(0);
    }
}
