package org.journeyexplorer.ui.imports;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import java.time.ZoneId;
import java.util.TreeSet;

/**
 * The role pickers (person / case id, anonymous / device id, time, time offset, event name) and the zone for times
 * without one: one grid shared by the import dialog and the connect-to-a-stream dialog, so columns of a file and
 * fields of a topic are mapped the same way.
 */
public final class RoleMappingPane {

    /** The state the pickers edit; {@link ImportViewModel#NONE} in a role means "no such column". */
    public interface Roles {
        ObservableList<String> roleChoices();

        ObjectProperty<String> personProperty();

        ObjectProperty<String> anonymousProperty();

        ObjectProperty<String> timeProperty();

        ObjectProperty<String> timeOffsetProperty();

        ObjectProperty<String> eventProperty();

        ObjectProperty<ZoneId> zoneProperty();
    }

    private RoleMappingPane() {
    }

    /** The grid, with ids {@code role-person}, {@code role-event}, … and {@code import-zone}; style class roles. */
    public static GridPane create(Roles vm) {
        GridPane roles = new GridPane();
        roles.getStyleClass().add("roles");
        roles.addRow(0, new Label("Person / case id"), roleBox("role-person", vm.personProperty(), vm.roleChoices()),
                new Label("Event name"), roleBox("role-event", vm.eventProperty(), vm.roleChoices()));
        roles.addRow(1, new Label("Anonymous / device id"),
                roleBox("role-anonymous", vm.anonymousProperty(), vm.roleChoices()),
                new Label("Time"), roleBox("role-time", vm.timeProperty(), vm.roleChoices()));
        ComboBox<ZoneId> zone = new ComboBox<>();
        TreeSet<String> ids = new TreeSet<>(ZoneId.getAvailableZoneIds());
        zone.getItems().add(ZoneId.of("UTC"));
        ids.stream().filter(i -> i.contains("/") && !i.startsWith("Etc") && !i.startsWith("SystemV"))
                .map(ZoneId::of).forEach(zone.getItems()::add);
        zone.valueProperty().bindBidirectional(vm.zoneProperty());
        zone.setId("import-zone");
        zone.setMaxWidth(Double.MAX_VALUE);
        roles.addRow(2, new Label("Time offset (ms)"),
                roleBox("role-offset", vm.timeOffsetProperty(), vm.roleChoices()),
                new Label("Zone for times without one"), zone);
        return roles;
    }

    /** A picker of one column among {@code choices}, bound both ways to {@code role}. */
    static ComboBox<String> roleBox(String id, ObjectProperty<String> role, ObservableList<String> choices) {
        ComboBox<String> box = new ComboBox<>(choices);
        box.setId(id);
        box.valueProperty().bindBidirectional(role);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPrefWidth(220);
        return box;
    }
}
