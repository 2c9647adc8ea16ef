package vn.dinhdanh.tracker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.dinhdanh.tracker.chain.ReleaseRow;

class ReleaseExportTest {

    @Test
    @DisplayName("CSV cells: quoted when needed, formulas neutralised, nulls empty")
    void cells() {
        assertThat(ReleaseExport.cell("public-portal")).isEqualTo("public-portal");
        assertThat(ReleaseExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReleaseExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReleaseExport.cell("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(ReleaseExport.cell("@sum")).isEqualTo("'@sum");
        assertThat(ReleaseExport.cell(null)).isEmpty();
    }

    @Test
    @DisplayName("one CSV line per row under a fixed header, items joined with ;")
    void csv() {
        ReleaseRow row = new ReleaseRow(7, 0, "r", "bank,evil", "abc", "token", List.of("name", "sub"), "2", "urn:vn:eid:loa:2",
                "chip", "0".repeat(64), "f".repeat(64));
        String csv = ReleaseExport.csv(List.of(row), null);
        assertThat(csv.split("\r\n")).containsExactly("row,time,client,subject,channel,items,loa,acr,method,row_hash",
                "7,1970-01-01T00:00:00Z,\"bank,evil\",abc,token,name;sub,2,urn:vn:eid:loa:2,chip," + "f".repeat(64));
    }
}
