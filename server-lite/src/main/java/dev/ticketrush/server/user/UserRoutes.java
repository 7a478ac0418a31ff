package dev.ticketrush.server.user;

import dev.ticketrush.server.http.BadRequest;
import dev.ticketrush.server.http.RequestInput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import static dev.ticketrush.server.http.RequestInput.required;

/** Handlers of the users API. */
public final class UserRoutes {

    private static final int MAX_USERNAME = 100;

    private final UserStore users;
    private final RequestInput input;

    public UserRoutes(UserStore users, RequestInput input) {
        this.users = users;
        this.input = input;
    }

    public void create(Context ctx) {
        String username = required(input.body(ctx, NewUser.class).username(), "username").trim();
        if (username.length() > MAX_USERNAME) throw new BadRequest("username must be at most " + MAX_USERNAME + " characters");
        ctx.json(users.create(username));
    }

    public void get(Context ctx) {
        ctx.json(users.get(input.pathId(ctx, "userId")));
    }

    public void delete(Context ctx) {
        users.delete(input.pathId(ctx, "userId"));
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
