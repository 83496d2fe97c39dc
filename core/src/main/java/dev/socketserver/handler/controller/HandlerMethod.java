package dev.socketserver.handler.controller;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;

import dev.socketserver.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * One controller method ready to call: a method handle bound to the controller and adapted to an erased
 * signature, and one precomputed resolver per parameter. Calling it involves no reflection and, up to four
 * parameters, no argument array.
 */
final class HandlerMethod {

	static final int MAX_UNSPREAD_ARITY = 4;

	private final String description;

	private final MethodHandle handle;

	private final ArgumentResolver[] resolvers;

	private final Class<? extends Throwable> errorType;

	private final @Nullable String authority;

	HandlerMethod(String description, MethodHandle handle, ArgumentResolver[] resolvers,
			Class<? extends Throwable> errorType, @Nullable String authority) {
		this.description = description;
		this.handle = handle;
		this.resolvers = resolvers;
		this.errorType = errorType;
		this.authority = authority;
	}

	/**
	 * Returns the error type this method handles, for error methods; {@code Throwable} for the others.
	 */
	Class<? extends Throwable> errorType() {
		return this.errorType;
	}

	/**
	 * Returns the authority a principal needs for this method to be called, resolved once from
	 * {@code @RequiresAuthority}; {@code null} for none.
	 */
	@Nullable String authority() {
		return this.authority;
	}

	@Nullable Object invoke(Connection connection, @Nullable Object message, @Nullable Object extra) throws Exception {
		ArgumentResolver[] args = this.resolvers;
		try {
			return switch (args.length) {
				case 0 -> (Object) this.handle.invokeExact();
				case 1 -> (Object) this.handle.invokeExact(args[0].resolve(connection, message, extra));
				case 2 -> (Object) this.handle.invokeExact(args[0].resolve(connection, message, extra),
						args[1].resolve(connection, message, extra));
				case 3 -> (Object) this.handle.invokeExact(args[0].resolve(connection, message, extra),
						args[1].resolve(connection, message, extra), args[2].resolve(connection, message, extra));
				case 4 -> (Object) this.handle.invokeExact(args[0].resolve(connection, message, extra),
						args[1].resolve(connection, message, extra), args[2].resolve(connection, message, extra),
						args[3].resolve(connection, message, extra));
				default -> {
					Object[] values = new Object[args.length];
					for (int i = 0; i < values.length; i++) {
						values[i] = args[i].resolve(connection, message, extra);
					}
					yield (Object) this.handle.invokeExact(values);
				}
			};
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
